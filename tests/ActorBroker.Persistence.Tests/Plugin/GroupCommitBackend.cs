using ActorBroker.Persistence.Plugin;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// The group-commit plugins over a store the test opens and registers with <see cref="JournalStores.Use"/>, as
/// the node does; a restarted system gets a new store over the same database.
/// </summary>
public sealed class GroupCommitBackend(Func<Task<PersistenceExtension>> open, Action? onDisposed = null) : PluginBackend
{
    private PersistenceExtension? _persistence;

    public override Config Config { get; } = ConfigurationFactory.ParseString($"""
        akka.persistence.journal.plugin = "{GroupCommitPersistence.JournalPluginId}"
        akka.persistence.snapshot-store.plugin = "{GroupCommitPersistence.SnapshotStorePluginId}"
        """);

    public PersistenceExtension Persistence => _persistence ?? throw new InvalidOperationException("No ActorSystem is running.");

    public override (long Batches, long Writes)? GroupCommits => (Persistence.Writer.CommittedBatches, Persistence.Writer.CommittedWrites);

    public override async Task OnStartedAsync(ActorSystem system)
    {
        _persistence = await open();
        JournalStores.Get(system).Use(_persistence);
    }

    public override async Task OnTerminatedAsync()
    {
        if (_persistence is not null)
        {
            await _persistence.DisposeAsync();
            _persistence = null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await OnTerminatedAsync();
        onDisposed?.Invoke();
        await base.DisposeAsync();
    }
}
