namespace ActorBroker.Persistence.Journal;

/// <summary>
/// One serialized event of a persistent entity: its sequence number within the entity's log,
/// the manifest that names its type, its payload bytes and when it was written.
/// </summary>
public readonly struct JournalEvent
{
    /// <summary>Creates an event; the sequence number starts at 1 and the manifest must not be empty.</summary>
    public JournalEvent(long sequenceNr, string manifest, ReadOnlyMemory<byte> payload, DateTimeOffset timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceNr, 1L);
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        SequenceNr = sequenceNr;
        Manifest = manifest;
        Payload = payload;
        Timestamp = timestamp;
    }

    /// <summary>Position of the event in its entity's log, from 1 and without gaps when written.</summary>
    public long SequenceNr { get; }

    /// <summary>The serializer's name for the payload's type.</summary>
    public string Manifest { get; }

    /// <summary>The serialized event.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>When the event was written, to the millisecond.</summary>
    public DateTimeOffset Timestamp { get; }
}
