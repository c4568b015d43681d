using System.Runtime.CompilerServices;
using ActorBroker.Actors;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Serialization;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

/// <summary>
/// What persistent actors of a node share: the journal, the snapshot store, the one group-commit writer
/// and the serializer. Registered once per <see cref="ActorSystem"/>; an actor may also be handed one
/// through its constructor (see <see cref="PersistentActor.Persistence"/>).
/// </summary>
public sealed class PersistenceExtension : IAsyncDisposable
{
    private static readonly ConditionalWeakTable<ActorSystem, PersistenceExtension> s_registry = new();

    private PersistenceExtension(IJournal journal, ISnapshotStore snapshots, JournalWriter writer, IEventSerializer serializer)
    {
        Journal = journal;
        Snapshots = snapshots;
        Writer = writer;
        Serializer = serializer;
    }

    public IJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    /// <summary>The node's group-commit writer: every persistent actor's events go through it.</summary>
    public JournalWriter Writer { get; }

    public IEventSerializer Serializer { get; }

    /// <summary>
    /// Initializes <paramref name="store"/> (applies its migrations) and starts the group-commit writer over it.
    /// The extension owns the store and disposes it.
    /// </summary>
    public static Task<PersistenceExtension> StartAsync<TStore>(
        TStore store, IEventSerializer serializer, GroupCommitOptions? options = null, CancellationToken cancellationToken = default)
        where TStore : IJournal, ISnapshotStore =>
        StartAsync(store, store, serializer, options, cancellationToken);

    /// <summary>
    /// Initializes <paramref name="journal"/> and starts the group-commit writer over it; the snapshot store
    /// must be ready to use. The extension owns the journal and disposes it.
    /// </summary>
    public static async Task<PersistenceExtension> StartAsync(
        IJournal journal, ISnapshotStore snapshots, IEventSerializer serializer, GroupCommitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(serializer);
        await journal.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return new PersistenceExtension(journal, snapshots, new JournalWriter(journal, options), serializer);
    }

    /// <summary>Makes this extension the one persistent actors of <paramref name="system"/> use.</summary>
    public PersistenceExtension RegisterWith(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        s_registry.AddOrUpdate(system, this);
        return this;
    }

    /// <summary>The extension registered with <paramref name="system"/>; throws when there is none.</summary>
    public static PersistenceExtension For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return s_registry.TryGetValue(system, out var extension)
            ? extension
            : throw new InvalidOperationException(
                $"Actor system '{system.Name}' has no persistence: call PersistenceExtension.StartAsync(...).RegisterWith(system) " +
                "before starting persistent actors.");
    }

    /// <summary>Commits the writes still queued, stops the writer and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        await Journal.DisposeAsync().ConfigureAwait(false);
    }
}
