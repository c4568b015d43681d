using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Paging: a durable queue keeps the bodies of a window of ready messages in memory and only a stub of the
/// rest (see <see cref="QueuedMessage"/>). The journal pages a message out once its Enqueued record is durable
/// and the window is full; the actor reads bodies back ahead of delivery. Where a body is needed at once
/// (a get, an expiry or a drop at a head the read-ahead has not reached) it is read synchronously.
/// </summary>
public sealed partial class QueueState
{
    private IPagedBodies? _bodies;
    private int _windowMessages = int.MaxValue;
    private long _windowBytes = long.MaxValue;

    /// <summary>Ready messages whose body is in memory.</summary>
    internal int InMemoryBodies => _ready.InMemory;

    /// <summary>Ready messages whose body is only in the journal.</summary>
    internal int PagedOutCount => _ready.PagedOut;

    /// <summary>
    /// True when the read-ahead should fetch bodies: the window (whichever of its two limits is smaller) is
    /// less than half full, or the next delivery waits for one.
    /// </summary>
    internal bool WantsPageIn =>
        _ready.PagedOut > 0
        && ((_ready.InMemory < _windowMessages / 2 && _ready.InMemoryBytes < _windowBytes / 2) || _ready.Peek() is { IsPagedOut: true });

    /// <summary>Lets the queue page persistent messages out, keeping at most this window of ready bodies in memory.</summary>
    internal void EnablePaging(IPagedBodies bodies, int windowMessages, long windowBytes)
    {
        _bodies = bodies;
        _windowMessages = windowMessages;
        _windowBytes = windowBytes;
    }

    /// <summary>
    /// Called once the Enqueued record of <paramref name="message"/> is durable: drops its body if it is still
    /// ready and the window is full, unless it is among the first window's worth of messages: records become
    /// durable while later publishes already wait in memory, and the window is meant to stay at the front,
    /// where deliveries take from. Those later messages go when their own records are durable.
    /// </summary>
    internal void PageOutIfOverWindow(long sequence, Message message)
    {
        if (_bodies is null || (_ready.InMemory <= _windowMessages && _ready.InMemoryBytes <= _windowBytes))
        {
            return;
        }

        if (_ready.Find(PriorityOf(message), sequence) is { IsPagedOut: false } queued
            && (_ready.InMemoryBytes > _windowBytes || _ready.PositionOf(queued) >= _windowMessages))
        {
            _ready.PageOut(queued);
        }
    }

    /// <summary>The paged-out messages to read next, in delivery order: as many as the window has room for (at least one).</summary>
    internal List<QueuedMessage> NextToPageIn()
    {
        var count = Math.Max(1, _windowMessages - _ready.InMemory);
        return _ready.NextPagedOut(count, Math.Max(1, _windowBytes - _ready.InMemoryBytes), _ready.InMemory + count + 1024);
    }

    /// <summary>Gives read bodies back to their messages (those still ready); a null body marks its message lost.</summary>
    internal void PageIn(IReadOnlyList<QueuedMessage> messages, IReadOnlyList<Message?> bodies)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (bodies[i] is { } body)
            {
                _ready.PageIn(messages[i], body);
            }
            else if (messages[i].IsPagedOut)
            {
                messages[i].IsLost = true;
            }
        }
    }

    /// <summary>Every message the queue holds (ready, unacked, parked); the ready ones per priority level in sequence order.</summary>
    internal IEnumerable<QueuedMessage> Held()
    {
        foreach (var message in _ready.All())
        {
            yield return message;
        }

        foreach (var unacked in _unacked.Values)
        {
            yield return unacked.Message;
        }

        foreach (var (message, _) in _delayed.Values)
        {
            yield return message;
        }
    }

    /// <summary>
    /// Makes sure <paramref name="message"/> (a ready head about to leave) has its body, reading it and those
    /// after it synchronously when the read-ahead has not; false when it cannot be read (it is then lost).
    /// </summary>
    private bool EnsureLoaded(QueuedMessage message)
    {
        if (!message.IsPagedOut)
        {
            return true;
        }

        if (message.IsLost || _bodies is null)
        {
            return false;
        }

        var batch = NextToPageIn();
        if (!batch.Contains(message))
        {
            batch.Insert(0, message);
        }

        PageIn(batch, _bodies.Read(batch));
        // Still paged out although read: its row does not hold it. It is lost too, or its caller would ask for ever.
        message.IsLost |= message.IsPagedOut;
        return !message.IsPagedOut;
    }

    /// <summary>The bodies of <paramref name="messages"/> for a read that must not change the window (peek).</summary>
    private Message?[] BodiesOf(List<QueuedMessage> messages)
    {
        var pagedOut = messages.Where(m => m.IsPagedOut && !m.IsLost).ToList();
        var read = pagedOut.Count > 0 && _bodies is not null ? _bodies.Read(pagedOut) : [];
        var result = new Message?[messages.Count];
        for (int i = 0, next = 0; i < messages.Count; i++)
        {
            result[i] = !messages[i].IsPagedOut ? messages[i].Message : messages[i].IsLost ? null : read[next++];
        }

        return result;
    }

    private int PriorityOf(Message message) => Math.Min((int)(message.Properties.Priority ?? 0), Arguments.MaxPriority);

    private DateTimeOffset? ExpiryOf(Message message, DateTimeOffset enqueuedAt)
    {
        var ttl = Arguments.MessageTtl;
        if (message.Properties.Expiration is { } expiration && (ttl is null || expiration < ttl))
        {
            ttl = expiration;
        }

        return enqueuedAt + ttl;
    }
}
