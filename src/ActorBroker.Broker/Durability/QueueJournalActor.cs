using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The persistent half of a durable queue: an Akka.Persistence persistent actor (persistence id
/// <c>queue/&lt;vhost&gt;/&lt;name&gt;/&lt;declared-at&gt;</c>), child of the queue's actor. Recovery rebuilds the queue's
/// index (<see cref="QueueRecovery"/>) from the newest snapshot and the rows after it; then it persists each
/// <see cref="QueueWrite"/> the queue flushes with PersistAllAsync, so the queue never waits for a write, and
/// completes the write (settling its publishers' confirms) once Akka reports it stored.
/// </summary>
/// <remarks>
/// The queue's state lives in its runtime and outlives restarts of the queue's actor, so this actor keeps none: it
/// recovers once, when the queue starts. Akka stops a persistent actor whose write failed; the queue then starts a
/// successor that skips recovery (<see cref="Resuming"/>) and only learns where the journal ends.
/// </remarks>
internal sealed class QueueJournalActor(string persistenceId, QueueRecovery? recovery, bool recoveredAfterCrash) : UntypedPersistentActor
{
    private readonly Queue<QueueWrite> _pending = new();
    private QueueJournalProtocol.SaveSnapshot? _snapshot;
    private bool _deleting;

    public override string PersistenceId => persistenceId;

    /// <summary>A successor after a failed write: the queue already holds its messages.</summary>
    private bool Resuming => recovery is null;

    public override Recovery Recovery => Resuming ? Recovery.None : base.Recovery;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: QueueSnapshotPayload snapshot } offer:
                recovery?.StartFrom(offer.Metadata.SequenceNr, snapshot);
                break;
            case QueueRow row:
                recovery?.Apply(row.Records, LastSequenceNr);
                break;
            case RecoveryCompleted when recoveredAfterCrash && recovery is { HoldsMessages: true } crashed:
                // Journaled, so the flags survive a clean stop and restart that follows before these messages are delivered.
                PersistAsync(new QueueRow([new QueueRecord.Crashed()]), row =>
                {
                    crashed.Apply(row.Records, LastSequenceNr);
                    Context.Parent.Tell(new QueueJournalProtocol.Recovered(crashed));
                });
                break;
            case RecoveryCompleted:
                Context.Parent.Tell(new QueueJournalProtocol.Recovered(recovery));
                break;
        }
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new QueueJournalProtocol.RecoveryFailed(reason));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case QueueWrite write:
                Persist(write);
                break;
            case QueueJournalProtocol.SaveSnapshot save when _snapshot is null:
                _snapshot = save;
                // Not Eventsourced.SaveSnapshot, which would claim the rows still in flight as well.
                SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, save.SequenceNr, DateTime.UtcNow), save.Snapshot));
                break;
            case SaveSnapshotSuccess when _snapshot is { } save:
                DeleteSnapshots(new SnapshotSelectionCriteria(save.SequenceNr - 1));
                if (save.DeleteTo > 0)
                {
                    DeleteMessages(save.DeleteTo);
                }
                else
                {
                    SnapshotFinished(null);
                }

                break;
            case SaveSnapshotFailure failure when _snapshot is not null:
                SnapshotFinished(failure.Cause);
                break;
            case DeleteMessagesSuccess when _deleting:
                Context.Stop(Self);
                break;
            case DeleteMessagesFailure failure when _deleting:
                Context.GetLogger().Warning("The rows of deleted queue journal {0} could not be deleted: {1}", PersistenceId, failure.Cause.Message);
                Context.Stop(Self);
                break;
            case DeleteMessagesSuccess:
                SnapshotFinished(null);
                break;
            case DeleteMessagesFailure failure:
                SnapshotFinished(failure.Cause);
                break;
            case QueueJournalProtocol.StopAfterWrites stop:
                DeferAsync(stop, _ => Stop(stop.DeleteJournal));
                break;
            case DeleteSnapshotsSuccess or DeleteSnapshotsFailure or QueueJournalProtocol.SaveSnapshot:
                // Best effort (older snapshots are never read), or a compaction already on its way.
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Persist(QueueWrite write)
    {
        _pending.Enqueue(write);
        var rows = write.Rows;
        var last = rows[^1];
        var index = 0;
        write.RowSequenceNrs = new long[rows.Count];
        PersistAllAsync(rows, row =>
        {
            write.RowSequenceNrs[index++] = LastSequenceNr;
            if (ReferenceEquals(row, last))
            {
                _pending.Dequeue().Complete(null);
            }
        });
    }

    private void SnapshotFinished(Exception? failure)
    {
        var save = _snapshot!;
        _snapshot = null;
        Context.Parent.Tell(new QueueJournalProtocol.SnapshotFinished(save.SequenceNr, save.Records, save.DeleteTo, failure));
    }

    private void Stop(bool deleteJournal)
    {
        if (!deleteJournal || LastSequenceNr == 0)
        {
            Context.Stop(Self);
            return;
        }

        _deleting = true;
        DeleteSnapshots(SnapshotSelectionCriteria.Latest);
        DeleteMessages(LastSequenceNr);
    }

    // Akka stops this actor after this call; whether the failed rows were stored is only known at the next recovery.
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        while (_pending.TryDequeue(out var write))
        {
            write.Complete(cause);
        }

        if (IsFenced(cause))
        {
            Context.Parent.Tell(new QueueJournalProtocol.Fenced(cause));
        }

        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private static bool IsFenced(Exception? cause)
    {
        for (; cause is not null; cause = cause.InnerException)
        {
            if (cause is Persistence.Journal.JournalFencedException)
            {
                return true;
            }
        }

        return false;
    }

    // A rejected write (its rows could not be serialized) is not stored, and the actor goes on.
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        if (_pending.TryPeek(out var write) && ReferenceEquals(write.Rows[^1], @event))
        {
            _pending.Dequeue().Complete(cause);
        }

        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
