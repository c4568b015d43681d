using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Delayed;

/// <summary>
/// The messages a delayed exchange holds, in the order they are due: by due time, then by publish order (id). A
/// message's body may be paged out (null), leaving 16 bytes of order and a small entry: its record in the journal
/// holds the body, read back when the message is due.
/// </summary>
internal sealed class DelaySchedule
{
    private readonly SortedSet<(DateTimeOffset Due, long Id)> _order = [];
    private readonly Dictionary<long, Entry> _held = [];

    public int Count => _held.Count;

    public int BodiesInMemory { get; private set; }

    /// <summary>When the earliest held message is due; null when none is held.</summary>
    public DateTimeOffset? NextDue => _order.Count > 0 ? _order.Min.Due : null;

    /// <summary>Every held message's id and due time (for a snapshot).</summary>
    public IEnumerable<(long Id, DateTimeOffset Due)> All => _order.Select(o => (o.Id, o.Due));

    /// <summary>Holds a message; <paramref name="body"/> null holds it paged out.</summary>
    public void Add(long id, DateTimeOffset due, Message? body)
    {
        if (_held.TryAdd(id, new Entry(due, body)))
        {
            _order.Add((due, id));
            BodiesInMemory += body is null ? 0 : 1;
        }
    }

    /// <summary>Gives a paged-out message its body back; false when it is no longer held or has one.</summary>
    public bool SetBody(long id, Message body)
    {
        if (!_held.TryGetValue(id, out var entry) || entry.Body is not null)
        {
            return false;
        }

        entry.Body = body;
        BodiesInMemory++;
        return true;
    }

    public void Remove(long id)
    {
        if (_held.Remove(id, out var entry))
        {
            _order.Remove((entry.Due, id));
            BodiesInMemory -= entry.Body is null ? 0 : 1;
        }
    }

    public void Clear()
    {
        _held.Clear();
        _order.Clear();
        BodiesInMemory = 0;
    }

    /// <summary>The earliest held message if it is due at <paramref name="now"/>; its body is null when paged out.</summary>
    public bool TryPeekDue(DateTimeOffset now, out long id, out DateTimeOffset due, out Message? body)
    {
        if (_order.Count == 0 || _order.Min.Due > now)
        {
            (id, due, body) = (0, default, null);
            return false;
        }

        (due, id) = _order.Min;
        body = _held[id].Body;
        return true;
    }

    /// <summary>The ids of the earliest paged-out messages, in due order, up to <paramref name="most"/>.</summary>
    public IEnumerable<long> PagedOutInDueOrder(int most) =>
        _order.Where(o => _held[o.Id].Body is null).Take(most).Select(o => o.Id);

    private sealed class Entry(DateTimeOffset due, Message? body)
    {
        public DateTimeOffset Due { get; } = due;

        public Message? Body { get; set; } = body;
    }
}
