using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>A stub for a message recovered from the journal: its body stays there until the read-ahead needs it.</summary>
    internal QueuedMessage PagedOutStub(long sequence, Message message, DateTimeOffset enqueuedAt) =>
        new(sequence, enqueuedAt, ExpiryOf(message, enqueuedAt), PriorityOf(message), message.Body.Length);

    /// <summary>New messages are numbered after <paramref name="sequence"/>, the highest the journal ever enqueued.</summary>
    internal void ContinueAfter(long sequence) => _lastSequence = Math.Max(_lastSequence, sequence);

    /// <summary>
    /// Puts back a message recovered from the journal, ready and paged out, with the deliveries it already had
    /// (so its next delivery is flagged redelivered). Call in enqueue order, before the queue takes any command.
    /// </summary>
    internal void RestorePagedOut(QueuedMessage stub)
    {
        _ready.Append(stub);
        _lastSequence = Math.Max(_lastSequence, stub.Sequence);
        _published++;
    }

    /// <summary>Puts back a recovered message that was parked for a retry due at <paramref name="dueAt"/> (past or not).</summary>
    internal void RestoreParked(QueuedMessage stub, DateTimeOffset dueAt)
    {
        _delayed.Add(stub.Sequence, (stub, dueAt));
        _lastSequence = Math.Max(_lastSequence, stub.Sequence);
        _published++;
    }

    /// <summary>When each parked message's retry is due, by sequence (for a snapshot).</summary>
    internal Dictionary<long, DateTimeOffset> ParkedDueTimes() => _delayed.ToDictionary(d => d.Key, d => d.Value.DueAt);
}
