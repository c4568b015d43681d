namespace ActorBroker.Persistence.Journal;

/// <summary>
/// The journal refused a write, a delete or a snapshot of persistence ids this journal instance had claimed
/// (<see cref="IJournal.ClaimAsync"/>) because another instance claimed them since: another node recovered the
/// entity and is its writer now. Nothing of the refused ids was stored; retrying cannot succeed. The entity
/// here must stop; only a new recovery (a new claim) may write it again.
/// </summary>
public sealed class JournalFencedException : Exception
{
    public JournalFencedException(IReadOnlyList<string> persistenceIds)
        : base(Describe(persistenceIds))
    {
        PersistenceIds = persistenceIds;
    }

    /// <summary>The ids another owner took over.</summary>
    public IReadOnlyList<string> PersistenceIds { get; }

    private static string Describe(IReadOnlyList<string> persistenceIds)
    {
        ArgumentNullException.ThrowIfNull(persistenceIds);
        return $"The journal refused to write {string.Join(", ", persistenceIds.Select(id => $"'{id}'"))}: " +
               "another owner recovered it after this node did (its owner token moved on), so this node is no longer its writer.";
    }
}
