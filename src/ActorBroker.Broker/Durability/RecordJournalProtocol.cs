namespace ActorBroker.Broker.Durability;

/// <summary>The messages of a <see cref="RecordJournalActor"/>.</summary>
internal static class RecordJournalProtocol
{
    /// <summary>Told to the recovery listener once recovery is done: the newest snapshot (or null) and every record after it.</summary>
    public sealed record Recovered(object? Snapshot, IReadOnlyList<(long SequenceNr, object Record)> Records, long LastSequenceNr);

    /// <summary>Journals a record; answered with <see cref="Written"/> once it is durable, or a failure.</summary>
    public sealed record Write(object Record);

    public sealed record Written(long SequenceNr);

    /// <summary>
    /// Saves <paramref name="Snapshot"/> as of <paramref name="SequenceNr"/>, then deletes the snapshots it replaces and
    /// the records up to <paramref name="DeleteTo"/> (records the snapshot refers to stay).
    /// </summary>
    public sealed record Compact(object Snapshot, long SequenceNr, long DeleteTo);
}
