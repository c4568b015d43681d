namespace ActorBroker.Persistence.Journal;

/// <summary>One row met during replay: either a readable event or a quarantined row.</summary>
public abstract record ReplayItem(string PersistenceId, long SequenceNr);

/// <summary>A readable event met during replay.</summary>
public sealed record ReplayedEvent(string PersistenceId, JournalEvent Event) : ReplayItem(PersistenceId, Event.SequenceNr);

/// <summary>
/// A row that could not be read (corrupted or truncated payload, unknown manifest, payload the
/// serializer refused). It was moved out of the journal into its quarantine table and replay went on.
/// </summary>
public sealed record QuarantinedEvent(string PersistenceId, long SequenceNr, string Reason) : ReplayItem(PersistenceId, SequenceNr);
