using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Sqlite;
using Akka.Configuration;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// The database a plugin opens when the host registered none with <see cref="JournalStores.Use"/>: the keys
/// <c>provider</c>, <c>sqlite.path</c>, <c>postgresql.connection-string</c> and <c>group-commit.max-batch</c>
/// of the plugin's section.
/// </summary>
internal sealed record PluginStoreSettings(string Provider, string SqlitePath, string PostgresConnectionString, int MaxBatch)
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static PluginStoreSettings From(Config plugin)
    {
        var provider = plugin.GetString("provider", Sqlite);
        if (provider is not (Sqlite or PostgreSql))
        {
            throw new ConfigurationException($"The plugin's provider is '{provider}'; it must be '{Sqlite}' or '{PostgreSql}'.");
        }

        var maxBatch = plugin.GetInt("group-commit.max-batch", new GroupCommitOptions().MaxBatch);
        return new PluginStoreSettings(
            provider,
            Path.GetFullPath(plugin.GetString("sqlite.path", SqliteJournalOptions.FileName)),
            plugin.GetString("postgresql.connection-string", string.Empty),
            maxBatch < 1 ? throw new ConfigurationException($"The plugin's group-commit.max-batch is {maxBatch}; it must be at least 1.") : maxBatch);
    }

    /// <summary>Names the database: plugins whose settings name the same one share one store and one writer.</summary>
    public string Key => Provider == Sqlite ? $"{Sqlite}:{SqlitePath}" : $"{PostgreSql}:{PostgresConnectionString}";

    public async Task<PersistenceExtension> StartAsync()
    {
        var options = new GroupCommitOptions { MaxBatch = MaxBatch, Name = "akka-persistence" };
        if (Provider == Sqlite)
        {
            return await PersistenceExtension.StartAsync(new SqliteJournal(new SqliteJournalOptions(SqlitePath)), options).ConfigureAwait(false);
        }

        return await PersistenceExtension.StartAsync(new PostgresJournal(new PostgresJournalOptions(PostgresConnectionString)), options).ConfigureAwait(false);
    }
}
