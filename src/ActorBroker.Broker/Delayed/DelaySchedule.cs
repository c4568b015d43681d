using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Delayed;

/// <summary>The messages a delayed exchange holds, in the order they are due: by due time, then by publish order (id).</summary>
internal sealed class DelaySchedule
{
    private readonly SortedSet<(DateTimeOffset Due, long Id)> _order = [];
    private readonly Dictionary<long, (DateTimeOffset Due, Message Message)> _held = [];

    public int Count => _held.Count;

    /// <summary>When the earliest held message is due; null when none is held.</summary>
    public DateTimeOffset? NextDue => _order.Count > 0 ? _order.Min.Due : null;

    public void Add(long id, DateTimeOffset due, Message message)
    {
        if (_held.TryAdd(id, (due, message)))
        {
            _order.Add((due, id));
        }
    }

    public void Remove(long id)
    {
        if (_held.Remove(id, out var held))
        {
            _order.Remove((held.Due, id));
        }
    }

    public void Clear()
    {
        _held.Clear();
        _order.Clear();
    }

    /// <summary>Takes the earliest message if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(DateTimeOffset now, out long id, out Message message)
    {
        if (_order.Count == 0 || _order.Min.Due > now)
        {
            (id, message) = (0, null!);
            return false;
        }

        id = _order.Min.Id;
        Remove(id, out message);
        return true;
    }

    private void Remove(long id, out Message message)
    {
        var held = _held[id];
        Remove(id);
        message = held.Message;
    }
}
