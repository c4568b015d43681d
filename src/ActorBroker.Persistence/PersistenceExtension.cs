using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

/// <summary>
/// What the durable parts of a node share: the journal, the snapshot store and the one group-commit writer.
/// </summary>
public sealed class PersistenceExtension : IAsyncDisposable
{
    private PersistenceExtension(IJournal journal, ISnapshotStore snapshots, JournalWriter writer)
    {
        Journal = journal;
        Snapshots = snapshots;
        Writer = writer;
    }

    public IJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    /// <summary>The node's group-commit writer: every persistent actor's events go through it.</summary>
    public JournalWriter Writer { get; }

    /// <summary>
    /// Initializes <paramref name="store"/> (applies its migrations) and starts the group-commit writer over it.
    /// The extension owns the store and disposes it.
    /// </summary>
    public static Task<PersistenceExtension> StartAsync<TStore>(
        TStore store, GroupCommitOptions? options = null, CancellationToken cancellationToken = default)
        where TStore : IJournal, ISnapshotStore =>
        StartAsync(store, store, options, cancellationToken);

    /// <summary>
    /// Initializes <paramref name="journal"/> and starts the group-commit writer over it; the snapshot store
    /// must be ready to use. The extension owns the journal and disposes it.
    /// </summary>
    public static async Task<PersistenceExtension> StartAsync(
        IJournal journal, ISnapshotStore snapshots, GroupCommitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshots);
        await journal.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return new PersistenceExtension(journal, snapshots, new JournalWriter(journal, options));
    }

    /// <summary>Commits the writes still queued, stops the writer and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        await Journal.DisposeAsync().ConfigureAwait(false);
    }
}
