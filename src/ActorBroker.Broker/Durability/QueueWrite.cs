using ActorBroker.Broker.Confirms;
using ActorBroker.Persistence.GroupCommit;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The records one queue journals in one atomic write, and the publisher confirms waiting for it. The
/// writer's verdict settles the confirms right on the writer's loop (no hop through the queue actor); only
/// a failure goes to the actor, which must repair its bookkeeping.
/// </summary>
internal sealed class QueueWrite(IActorRef queue) : IJournalWriteCallback
{
    private readonly Lock _lock = new();
    private List<PublishConfirm>? _confirms;
    private bool _finished;
    private bool _failed;

    public List<QueueRecord> Records { get; } = [];

    /// <summary>The journal sequence numbers of the write's first and last row, once handed to the writer.</summary>
    public long LowestSequenceNr { get; set; }

    public long HighestSequenceNr { get; set; }

    /// <summary>How many records the queue had journaled up to and including this write.</summary>
    public long RecordsThrough { get; set; }

    /// <summary>Settles <paramref name="confirm"/> when this write is decided (at once if it already is).</summary>
    public void SettleAfter(PublishConfirm confirm)
    {
        lock (_lock)
        {
            if (!_finished)
            {
                (_confirms ??= []).Add(confirm);
                return;
            }
        }

        confirm.Settle(!_failed);
    }

    public void OnWriteCompleted(object? state, Exception? failure)
    {
        List<PublishConfirm>? confirms;
        lock (_lock)
        {
            _finished = true;
            _failed = failure is not null;
            confirms = _confirms;
            _confirms = null;
        }

        foreach (var confirm in confirms ?? [])
        {
            confirm.Settle(failure is null);
        }

        queue.Tell(failure is null ? new QueueJournalProtocol.Written(this) : new QueueJournalProtocol.WriteFailed(this, failure));
    }
}
