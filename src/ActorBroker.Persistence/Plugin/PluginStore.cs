using Akka.Configuration;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// A plugin's way to its store: the one <see cref="JournalStores"/> gives it, asked again after a failed open
/// (database down when the node started) so that the plugin recovers once the database is back.
/// </summary>
internal sealed class PluginStore(JournalStores stores, Config pluginConfig)
{
    // Read and replaced from the plugin's continuations on any thread: a race only asks JournalStores twice,
    // which hands out one store per database.
    private volatile Task<PersistenceExtension> _store = stores.For(pluginConfig);

    public Task<PersistenceExtension> GetAsync()
    {
        var store = _store;
        return store.IsFaulted ? _store = stores.For(pluginConfig) : store;
    }
}
