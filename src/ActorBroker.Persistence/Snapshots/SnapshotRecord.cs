namespace ActorBroker.Persistence.Snapshots;

/// <summary>
/// A serialized snapshot of an entity's state as of <see cref="SequenceNr"/>: recovery loads it and
/// replays only the events after it.
/// </summary>
public sealed class SnapshotRecord
{
    /// <summary>Creates a snapshot record; the sequence number is 0 or more and the manifest must not be empty.</summary>
    public SnapshotRecord(string persistenceId, long sequenceNr, string manifest, ReadOnlyMemory<byte> payload, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNr);
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
        Payload = payload;
        Timestamp = timestamp;
    }

    /// <summary>The entity.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number of the last event the snapshot includes.</summary>
    public long SequenceNr { get; }

    /// <summary>The serializer's name for the payload's type.</summary>
    public string Manifest { get; }

    /// <summary>The serialized state.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>When the snapshot was saved, to the millisecond.</summary>
    public DateTimeOffset Timestamp { get; }
}
