namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// Published on the event stream when replay met a row it could not use (bad checksum, no serializer, bytes the
/// serializer refused): the row was moved to the quarantine table and the entity recovered without it.
/// </summary>
public sealed record JournalRowQuarantined(string PersistenceId, long SequenceNr, string Reason);
