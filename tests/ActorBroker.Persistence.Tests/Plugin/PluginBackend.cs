using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// One plugin on one database for the plugin specs: the config that selects it, and what the host does around
/// an ActorSystem's life (the group-commit plugins get the store the test opened, as a node gives them its own).
/// </summary>
public abstract class PluginBackend : IAsyncDisposable
{
    /// <summary>Selects the journal and snapshot store plugins and points them at the test's database.</summary>
    public abstract Config Config { get; }

    /// <summary>Commits and committed writes of the group-commit writer, when the plugin has one.</summary>
    public virtual (long Batches, long Writes)? GroupCommits => null;

    /// <summary>Called once an ActorSystem started, before any persistent actor runs in it.</summary>
    public virtual Task OnStartedAsync(ActorSystem system) => Task.CompletedTask;

    /// <summary>Called once an ActorSystem terminated.</summary>
    public virtual Task OnTerminatedAsync() => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
