using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

internal sealed partial class QueueJournal
{
    // At most this many messages are copied forward per compaction: copying costs a write of their bodies.
    private const int MaxCopiedForward = 1000;

    /// <summary>
    /// Compaction: once the log since the last snapshot is longer than both the configured interval and a
    /// quarter of the messages held, the index of the held messages (see <see cref="QueueSnapshot"/>) is saved
    /// as a snapshot at the last durable row, and the rows below the oldest row that still enqueued a held
    /// message are deleted. A stub costs about ten bytes against a kilobyte or so of a journaled message, so
    /// snapshots may come often; they bound what recovery replays in full to a quarter of the backlog. The
    /// snapshot may include effects of writes still in flight: records are idempotent, so replaying those writes
    /// after it changes nothing.
    /// </summary>
    private void SnapshotIfDue(IActorRef queue)
    {
        var since = _recordsJournaled - _recordsAtSnapshot;
        var sequenceNr = SnapshotLimit();
        if (_snapshotting || _state is null || _journalActor.IsNobody() || sequenceNr <= _snapshotSequenceNr || since < Math.Max(settings.SnapshotEvery, Messages.Count / 4)
            || CopiedForwardPast(sequenceNr))
        {
            return;
        }

        _snapshotting = true;
        var records = _recordsDurable;
        var held = HeldInRowsUpTo(sequenceNr);
        // A live message pins its row and every later one: rows are deleted whole, below the oldest one needed.
        var deleteTo = held.Count > 0 ? held.Min(m => Rows.RowOf(m.Sequence)) - 1 : sequenceNr;
        var rows = Rows.Entries.Where(e => e.Row > deleteTo && e.Row <= sequenceNr).ToList();
        var relocated = Rows.Relocated.Where(r => r.Value > deleteTo && r.Value <= sequenceNr).ToDictionary();
        var snapshot = new QueueSnapshotPayload(QueueSnapshot.Encode(_highestEnqueued, rows, relocated, held, _state!.ParkedDueTimes(), DurableDeduplicationEntries()));
        CopyForwardIfPinning(held, queue);
        _journalActor.Tell(new QueueJournalProtocol.SaveSnapshot(sequenceNr, records, deleteTo, snapshot), queue);
    }

    /// <summary>
    /// Whether a message was copied forward into a row after <paramref name="sequenceNr"/>, which a commit still being
    /// forwarded can hold the snapshot below (<see cref="SnapshotLimit"/>). A snapshot there would hold neither the
    /// copy (it is in a later row) nor the message (its row index points at the copy), and would delete its old row:
    /// recovery then met the copy as a new message out of order, and lost committed messages (found by
    /// PublishOnlyTransactionCrashTests). The snapshot waits until the commit is forwarded.
    /// </summary>
    private bool CopiedForwardPast(long sequenceNr)
    {
        foreach (var row in Rows.Relocated.Values)
        {
            if (row > sequenceNr)
            {
                return true;
            }
        }

        return false;
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
            Rows.RemoveUpTo(finished.DeletedTo);
            SnapshotIfDue(queue);
        }
    }

    /// <summary>
    /// Long-lived messages (an unacked delivery, a parked retry, a slow head) would keep every row after theirs
    /// alive. When the messages held in rows older than the previous snapshot are few and all in memory, their
    /// Enqueued records are copied into the queue's next write: the next compaction then deletes the old rows.
    /// A backlog paged out of those rows needs them anyway, so then nothing is copied.
    /// </summary>
    private void CopyForwardIfPinning(List<QueuedMessage> held, IActorRef queue)
    {
        var pinning = held.Where(m => Rows.RowOf(m.Sequence) <= _snapshotSequenceNr).ToList();
        if (pinning.Count == 0 || pinning.Count > MaxCopiedForward || pinning.Exists(m => m.IsPagedOut))
        {
            return;
        }

        var write = OpenWrite(queue);
        foreach (var message in pinning)
        {
            write.Records.Add(new QueueRecord.Enqueued(message.Sequence, message.EnqueuedAt, message.Message));
        }

        RequestFlush(queue);
    }

    /// <summary>
    /// The deduplication ids whose messages are in durable rows (<see cref="_highestEnqueued"/> is the highest
    /// sequence they enqueued): an id whose write is still on its way is replayed from its row, and one whose write
    /// fails must not outlive it, or a retry of the lost message would be dropped as a duplicate.
    /// </summary>
    private List<DeduplicationEntry> DurableDeduplicationEntries() =>
        _state!.Deduplication is { } window ? [.. window.Entries.Where(e => e.Journaled && e.Sequence <= _highestEnqueued)] : [];

    /// <summary>Where recovery found the newest snapshot, so compaction counts from there.</summary>
    public void StartAfterSnapshot(long sequenceNr) => _snapshotSequenceNr = sequenceNr;

    /// <summary>
    /// The held persistent messages enqueued by rows up to <paramref name="sequenceNr"/>, in sequence order; later
    /// ones are replayed from their rows. Messages whose write failed are in no row and are left out.
    /// </summary>
    private List<QueuedMessage> HeldInRowsUpTo(long sequenceNr)
    {
        var held = new List<QueuedMessage>();
        var sorted = true;
        foreach (var message in _state!.Held())
        {
            var row = Rows.RowOf(message.Sequence);
            if (row > 0 && row <= sequenceNr && message.IsPersistent && !Messages.IsMemoryOnly(message.Sequence))
            {
                sorted &= held.Count == 0 || held[^1].Sequence < message.Sequence;
                held.Add(message);
            }
        }

        if (!sorted)
        {
            held.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        return held;
    }
}
