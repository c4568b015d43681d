using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// A low-traffic journal (the virtual hosts, a host's topology, a host's policies) as an Akka.Persistence
/// persistent actor. It keeps no state of its own: recovery collects the newest snapshot and the records after
/// it and hands them to the recovery listener to fold; writes answer once durable. Records are persisted with
/// PersistAsync, so writes queue behind each other without holding up the next command, in order.
/// </summary>
/// <remarks>
/// Akka stops a persistent actor whose write failed (whether that write is stored is only known at the next
/// recovery) and one whose recovery failed; the waiting writers or the listener are told first.
/// </remarks>
internal sealed class RecordJournalActor(string persistenceId, IActorRef recoveryListener) : UntypedPersistentActor
{
    private readonly Queue<IActorRef> _pendingWriters = new();
    private readonly List<(long SequenceNr, object Record)> _recovered = [];
    private object? _snapshot;
    private RecordJournalProtocol.Compact? _compacting;

    public override string PersistenceId => persistenceId;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                _snapshot = offer.Snapshot;
                break;
            case RecoveryCompleted:
                recoveryListener.Tell(new RecordJournalProtocol.Recovered(_snapshot, [.. _recovered], LastSequenceNr));
                // What recovery read is handed over once: the listener folds it, this actor need not keep it.
                _recovered.Clear();
                _snapshot = null;
                break;
            default:
                _recovered.Add((LastSequenceNr, message));
                break;
        }
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        recoveryListener.Tell(new Status.Failure(reason));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case RecordJournalProtocol.Write write:
                _pendingWriters.Enqueue(Sender);
                PersistAsync(write.Record, _ => _pendingWriters.Dequeue().Tell(new RecordJournalProtocol.Written(LastSequenceNr)));
                break;
            case RecordJournalProtocol.Compact compact:
                Compact(compact);
                break;
            case SaveSnapshotSuccess saved when saved.Metadata.SequenceNr == _compacting?.SequenceNr:
                DeleteMessages(_compacting.DeleteTo);
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                _compacting = null;
                break;
            case SaveSnapshotFailure:
                // A failed compaction leaves the journal complete; the owner's next interval tries again.
                _compacting = null;
                break;
            case DeleteMessagesSuccess or DeleteMessagesFailure or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                // Best effort: records left behind a snapshot are never replayed.
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    // The snapshot claims every record up to LastSequenceNr: if records written after the owner took it are
    // already durable, it would hide them at the next recovery, so this interval is skipped.
    private void Compact(RecordJournalProtocol.Compact compact)
    {
        if (_compacting is not null || compact.SequenceNr != LastSequenceNr)
        {
            return;
        }

        _compacting = compact;
        SaveSnapshot(compact.Snapshot);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        var failure = new Status.Failure(cause);
        while (_pendingWriters.TryDequeue(out var writer))
        {
            writer.Tell(failure);
        }

        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        if (_pendingWriters.TryDequeue(out var writer))
        {
            writer.Tell(new Status.Failure(cause));
        }

        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
