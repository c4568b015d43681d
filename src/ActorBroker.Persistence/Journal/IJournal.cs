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
    /// (nothing of the batch is stored then), <see cref="JournalFencedException"/> naming every claimed id whose
    /// owner moved on (nothing of the batch is stored then either), or the store's exception when it is unavailable.
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

    /// <summary>
    /// Makes this journal instance the entity's writer: bumps the entity's owner token in the store and remembers it.
    /// From then on, every write, delete and snapshot of the entity through this instance checks in its own
    /// transaction that the token is still this one, and fails with <see cref="JournalFencedException"/> once another
    /// instance claimed the entity. Claim before reading the highest sequence number and replaying: a former writer's
    /// commit either lands before the claim (and is replayed) or is refused. Ids never claimed are written unchecked.
    /// </summary>
    /// <returns>The new token.</returns>
    Task<long> ClaimAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entity's events up to and including <paramref name="toSequenceNr"/>.</summary>
    Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Moves one row into the quarantine table with the reason it could not be used.</summary>
    Task QuarantineAsync(string persistenceId, long sequenceNr, string reason, CancellationToken cancellationToken = default);

    /// <summary>The quarantined rows of the entity, in sequence-number order.</summary>
    Task<IReadOnlyList<QuarantinedEvent>> ReadQuarantineAsync(string persistenceId, CancellationToken cancellationToken = default);
}
