namespace ActorBroker.Persistence.Snapshots;

/// <summary>
/// Which snapshots of an entity an operation applies to: sequence numbers and save times, both bounds inclusive.
/// </summary>
public sealed record SnapshotSelection(long MinSequenceNr, long MaxSequenceNr, DateTimeOffset MinTimestamp, DateTimeOffset MaxTimestamp)
{
    /// <summary>Every snapshot with a sequence number up to <paramref name="maxSequenceNr"/>, whenever saved.</summary>
    public static SnapshotSelection UpTo(long maxSequenceNr) =>
        new(0, maxSequenceNr, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>The one snapshot saved at <paramref name="sequenceNr"/>.</summary>
    public static SnapshotSelection At(long sequenceNr) =>
        new(sequenceNr, sequenceNr, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
}
