using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>When the owner should next call <see cref="RunTimers"/> (a head expiry or a parked retry), or null.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            DateTimeOffset? next = null;
            for (var level = 0; level < _ready.LevelCount; level++)
            {
                if (_ready.PeekLevel(level)?.ExpiresAt is { } expiry && (next is null || expiry < next))
                {
                    next = expiry;
                }
            }

            foreach (var (_, parked) in _delayed)
            {
                if (next is null || parked.DueAt < next)
                {
                    next = parked.DueAt;
                }
            }

            return next;
        }
    }

    /// <summary>Expires messages whose time to live ran out at the head, returns due retries, and delivers.</summary>
    public void RunTimers()
    {
        var now = _clock.GetUtcNow();
        if (_delayed.Count > 0)
        {
            var due = new List<long>();
            foreach (var (sequence, parked) in _delayed)
            {
                if (parked.DueAt <= now)
                {
                    due.Add(sequence);
                }
            }

            due.Sort();
            foreach (var sequence in due)
            {
                Raise(new MessageRetryDue(sequence));
            }
        }

        ExpireHeads(now);
        DeliverReady();
    }

    /// <summary>
    /// Dead-letters expired messages at the head of each priority level. As in RabbitMQ, only heads are
    /// checked: a message behind a longer-lived one expires once it reaches the head. A lost head (its journal
    /// row could not be read back) leaves here too.
    /// </summary>
    private void ExpireHeads(DateTimeOffset now)
    {
        for (var level = 0; level < _ready.LevelCount; level++)
        {
            while (_ready.PeekLevel(level) is { } head && (head.IsLost || head.ExpiresAt < now))
            {
                Raise(EnsureLoaded(head)
                    ? new MessageDeadLettered(head.Sequence, null, DeadLetterReason.Expired, head.Message)
                    : new MessageLost(head.Sequence));
            }
        }
    }
}
