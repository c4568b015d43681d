using ActorBroker.Actors;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Broker.Durability;

internal sealed partial class QueueJournal
{
    /// <summary>
    /// Compaction: once the log since the last snapshot is longer than both the configured interval and twice
    /// the messages held, the held messages are saved as a snapshot at the last durable event and the events
    /// up to it are deleted. The log stays within a small multiple of the backlog, and the cost of a snapshot
    /// is paid back by the events it removes. The snapshot may include effects of writes still in flight:
    /// records are idempotent, so replaying those writes after it changes nothing.
    /// </summary>
    private void SnapshotIfDue(IActorRef queue)
    {
        var since = _recordsJournaled - _recordsAtSnapshot;
        if (_snapshotting || _durableSequenceNr <= _snapshotSequenceNr || since < Math.Max(settings.SnapshotEvery, 2L * Messages.Count))
        {
            return;
        }

        _snapshotting = true;
        var sequenceNr = _durableSequenceNr;
        var records = _recordsDurable;
        var record = new SnapshotRecord(PersistenceId, sequenceNr, QueueRecord.SnapshotManifest, QueueSnapshot.Encode(Messages), DateTimeOffset.UtcNow);
        var journal = persistence.Journal;
        var snapshots = persistence.Snapshots;
        var persistenceId = PersistenceId;
        _ = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                await snapshots.SaveSnapshotAsync(record).ConfigureAwait(false);
                await journal.DeleteUpToAsync(persistenceId, sequenceNr).ConfigureAwait(false);
                await snapshots.DeleteSnapshotsAsync(persistenceId, sequenceNr - 1).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            queue.Tell(new QueueJournalProtocol.SnapshotFinished(sequenceNr, records, failure));
        });
    }

    /// <summary>
    /// A busy queue may have written a full interval more while the snapshot was saved: the next one starts at
    /// once, so compaction catches up also when the queue goes quiet. A failed snapshot is tried again after
    /// the next write (the log is still complete).
    /// </summary>
    public void OnSnapshotFinished(QueueJournalProtocol.SnapshotFinished finished, IActorRef queue)
    {
        _snapshotting = false;
        if (finished.Failure is null)
        {
            _snapshotSequenceNr = Math.Max(_snapshotSequenceNr, finished.SequenceNr);
            _recordsAtSnapshot = Math.Max(_recordsAtSnapshot, finished.Records);
            SnapshotIfDue(queue);
        }
    }

    /// <summary>Where recovery found the newest snapshot, so compaction counts from there.</summary>
    public void StartAfterSnapshot(long sequenceNr) => _snapshotSequenceNr = sequenceNr;
}
