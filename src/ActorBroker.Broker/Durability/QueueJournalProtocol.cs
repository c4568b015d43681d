namespace ActorBroker.Broker.Durability;

/// <summary>Messages between a durable queue, its journal and its <see cref="QueueJournalActor"/>.</summary>
internal static class QueueJournalProtocol
{
    /// <summary>Hand the records gathered since the last flush to the journal actor.</summary>
    public sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    /// <summary>The journal actor recovered the queue's persistent messages (its first start) or is ready to write again (a successor).</summary>
    public sealed record Recovered(QueueRecovery? Recovery);

    /// <summary>The journal actor could not read the queue's journal; the queue tries again later.</summary>
    public sealed record RecoveryFailed(Exception Cause);

    /// <summary>A write is durable.</summary>
    public sealed record Written(QueueWrite Write);

    /// <summary>A write failed; its confirms were already nacked.</summary>
    public sealed record WriteFailed(QueueWrite Write, Exception Cause);

    /// <summary>
    /// The journal refused a write because another node recovered the queue since (a shared journal's owner fencing):
    /// that node serves it now, so this queue stops instead of starting a successor, whose recovery would claim it back.
    /// </summary>
    public sealed record Fenced(Exception Cause);

    /// <summary>
    /// Save <paramref name="Snapshot"/> as of row <paramref name="SequenceNr"/>, then delete the rows up to
    /// <paramref name="DeleteTo"/> (no live message's body is in them) and the older snapshots.
    /// </summary>
    public sealed record SaveSnapshot(long SequenceNr, long Records, long DeleteTo, QueueSnapshotPayload Snapshot);

    /// <summary>
    /// A snapshot at <paramref name="SequenceNr"/> (covering the first <paramref name="Records"/> records) and the
    /// deletion of the rows before it finished; <paramref name="Failure"/> is null on success.
    /// </summary>
    /// <remarks>Rows up to <paramref name="DeletedTo"/> were deleted: no live message's body is in them.</remarks>
    public sealed record SnapshotFinished(long SequenceNr, long Records, long DeletedTo, Exception? Failure);

    /// <summary>
    /// Stop once every write sent before this one is decided; with <paramref name="DeleteJournal"/>, delete the
    /// queue's rows and snapshots first (the queue was deleted).
    /// </summary>
    public sealed record StopAfterWrites(bool DeleteJournal);

    /// <summary>
    /// A read-ahead is back: the bodies of <paramref name="Messages"/> in the same order (null where a row could
    /// not be read), or the <paramref name="Failure"/> of the read.
    /// </summary>
    public sealed record PagedIn(IReadOnlyList<Queues.QueuedMessage> Messages, Messages.Message?[] Bodies, Exception? Failure);
}
