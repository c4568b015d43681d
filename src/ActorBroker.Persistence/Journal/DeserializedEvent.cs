namespace ActorBroker.Persistence.Journal;

/// <summary>An event met during typed replay, read back by the serializer.</summary>
public sealed record DeserializedEvent(string PersistenceId, long SequenceNr, object Event, DateTimeOffset Timestamp)
    : ReplayItem(PersistenceId, SequenceNr);
