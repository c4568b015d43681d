namespace ActorBroker.Persistence.Journal;

/// <summary>
/// The event log of persistent entities, keyed by (persistence id, sequence number).
/// Implementations are safe to call from many threads at once.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema. Idempotent; call once before any other member.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores every write of <paramref name="writes"/> in one transaction that is durable when the task
    /// completes. Throws <see cref="JournalRejectedException"/> when a sequence number is already taken
    /// (nothing of the batch is stored then), or the store's exception when it is unavailable.
    /// </summary>
    Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the events of <paramref name="persistenceId"/> with sequence numbers in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>] in order. An unreadable row is
    /// yielded as a <see cref="QuarantinedEvent"/>, moved to quarantine, and replay goes on.
    /// </summary>
    IAsyncEnumerable<ReplayItem> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written for the entity (0 when none), also after deletes.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entity's events up to and including <paramref name="toSequenceNr"/>.</summary>
    Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Moves one row into the quarantine table with the reason it could not be used.</summary>
    Task QuarantineAsync(string persistenceId, long sequenceNr, string reason, CancellationToken cancellationToken = default);

    /// <summary>The quarantined rows of the entity, in sequence-number order.</summary>
    Task<IReadOnlyList<QuarantinedEvent>> ReadQuarantineAsync(string persistenceId, CancellationToken cancellationToken = default);
}
