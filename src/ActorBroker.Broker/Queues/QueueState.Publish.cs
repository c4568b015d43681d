using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>Takes a published message: drops a duplicate, enforces the length limit, enqueues, and delivers what it can.</summary>
    public PublishOutcome Publish(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _clock.GetUtcNow();
        var deduplicationKey = Deduplication is null ? null : DeduplicationKey.Of(message);
        if (deduplicationKey is not null && Deduplication!.Contains(deduplicationKey, now))
        {
            return PublishOutcome.Duplicate;
        }

        if (Arguments.Overflow != OverflowBehavior.DropHead && WouldOverflow(message.Body.Length))
        {
            return Arguments.Overflow == OverflowBehavior.RejectPublish ? PublishOutcome.Rejected : PublishOutcome.RejectedDeadLettered;
        }

        Raise(new MessageEnqueued(_lastSequence + 1, message, now));
        if (deduplicationKey is not null)
        {
            Deduplication!.Add(deduplicationKey, _lastSequence, now, message.Properties.IsPersistent);
        }

        if (Arguments.Overflow == OverflowBehavior.DropHead)
        {
            DropHeadWhileOverLimit();
        }

        DeliverReady();
        return PublishOutcome.Accepted;
    }

    /// <summary>Removes every ready message (unacked deliveries stay) and returns how many went.</summary>
    public int Purge()
    {
        var count = _ready.Count;
        if (count > 0)
        {
            Raise(new QueuePurged(count) { Persistent = [.. _ready.All().Where(m => m.IsPersistent).Select(m => m.Sequence)] });
        }

        return count;
    }

    private bool WouldOverflow(long size) =>
        (Arguments.MaxLength is { } max && _ready.Count >= max)
        || (Arguments.MaxLengthBytes is { } maxBytes && _ready.Bytes + size > maxBytes);

    private void DropHeadWhileOverLimit()
    {
        while ((Arguments.MaxLength is { } max && _ready.Count > max)
            || (Arguments.MaxLengthBytes is { } maxBytes && _ready.Bytes > maxBytes))
        {
            var head = _ready.Peek()!;
            Raise(EnsureLoaded(head)
                ? new MessageDeadLettered(head.Sequence, null, DeadLetterReason.MaxLength, head.Message)
                : new MessageLost(head.Sequence));
        }
    }
}
