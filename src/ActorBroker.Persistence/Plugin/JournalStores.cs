using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// Where the group-commit journal and snapshot store plugins of an ActorSystem get their store. A host that
/// already runs a <see cref="PersistenceExtension"/> registers it with <see cref="Use"/> before anything
/// persistent starts: the plugins then write through its store and its one group-commit writer, beside the
/// host's other users of it, and the host keeps owning it. Otherwise each plugin opens the database its HOCON
/// section names (plugins naming the same database share one store) and closes it when the system terminates.
/// </summary>
public sealed class JournalStores : IExtension
{
    private readonly ActorSystem _system;
    private readonly Dictionary<string, Task<PersistenceExtension>> _opened = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private PersistenceExtension? _registered;

    internal JournalStores(ActorSystem system) => _system = system;

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static JournalStores Get(ActorSystem system) => system.WithExtension<JournalStores, JournalStoresProvider>();

    /// <summary>
    /// Makes the plugins of this system use <paramref name="persistence"/>, which the caller keeps owning and
    /// disposes after the system terminated. Call it before the first persistent actor starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">A plugin already opened a store of its own.</exception>
    public void Use(PersistenceExtension persistence)
    {
        ArgumentNullException.ThrowIfNull(persistence);
        lock (_lock)
        {
            if (_opened.Count > 0)
            {
                throw new InvalidOperationException(
                    "A persistence plugin already opened its own store: register the node's store before any persistent actor starts.");
            }

            _registered = persistence;
        }
    }

    /// <summary>The registered store, or the one <paramref name="pluginConfig"/> names, opened once and shared.</summary>
    internal Task<PersistenceExtension> For(Config pluginConfig)
    {
        lock (_lock)
        {
            if (_registered is not null)
            {
                return Task.FromResult(_registered);
            }

            var settings = PluginStoreSettings.From(pluginConfig);
            // A store that failed to open (database down at start) is tried again by the next operation.
            if (!_opened.TryGetValue(settings.Key, out var store) || store.IsFaulted)
            {
                store = OpenAsync(settings);
                _opened[settings.Key] = store;
            }

            return store;
        }
    }

    private async Task<PersistenceExtension> OpenAsync(PluginStoreSettings settings)
    {
        var persistence = await settings.StartAsync().ConfigureAwait(false);
        // After termination every plugin actor has stopped: the writer only has to commit what they queued.
        _system.RegisterOnTermination(() => persistence.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return persistence;
    }
}

/// <summary>Creates the <see cref="JournalStores"/> extension of an ActorSystem.</summary>
public sealed class JournalStoresProvider : ExtensionIdProvider<JournalStores>
{
    public override JournalStores CreateExtension(ExtendedActorSystem system) => new(system);
}
