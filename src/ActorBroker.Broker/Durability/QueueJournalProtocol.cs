namespace ActorBroker.Broker.Durability;

/// <summary>Messages a durable queue's journal sends to the queue actor.</summary>
internal static class QueueJournalProtocol
{
    /// <summary>Hand the records gathered since the last flush to the group-commit writer.</summary>
    public sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    /// <summary>A write is durable.</summary>
    public sealed record Written(QueueWrite Write);

    /// <summary>A write failed; its confirms were already nacked.</summary>
    public sealed record WriteFailed(QueueWrite Write, Exception Cause);

    /// <summary>
    /// A snapshot at <paramref name="SequenceNr"/> (covering the first <paramref name="Records"/> records) and the
    /// deletion of the rows before it finished; <paramref name="Failure"/> is null on success.
    /// </summary>
    /// <remarks>Rows up to <paramref name="DeletedTo"/> were deleted: no live message's body is in them.</remarks>
    public sealed record SnapshotFinished(long SequenceNr, long Records, long DeletedTo, Exception? Failure);

    /// <summary>
    /// A read-ahead is back: the bodies of <paramref name="Messages"/> in the same order (null where a row could
    /// not be read), or the <paramref name="Failure"/> of the read.
    /// </summary>
    public sealed record PagedIn(IReadOnlyList<Queues.QueuedMessage> Messages, Messages.Message?[] Bodies, Exception? Failure);
}
