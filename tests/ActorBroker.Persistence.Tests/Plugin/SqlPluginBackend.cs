using Akka.Configuration;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// Akka.Persistence.Sql on one database, its tables created at start under names that do not clash with the
/// group-commit journal's (<c>journal</c>, <c>journal_metadata</c>) in the same database.
/// </summary>
public sealed class SqlPluginBackend(string connectionString, string providerName, Action? onDisposed = null) : PluginBackend
{
    public const string SqliteProvider = "SQLite.MS";
    public const string PostgresProvider = "PostgreSQL";

    public override Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
        akka.persistence.journal.sql {
          connection-string = "{{connectionString}}"
          provider-name = "{{providerName}}"
          auto-initialize = on
          table-mapping = default
          default.journal.table-name = "akka_journal"
          default.metadata.table-name = "akka_journal_metadata"
          default.tag.table-name = "akka_tags"
        }
        akka.persistence.snapshot-store.sql {
          connection-string = "{{connectionString}}"
          provider-name = "{{providerName}}"
          auto-initialize = on
          table-mapping = default
          default.snapshot.table-name = "akka_snapshot"
        }
        """);

    public override async ValueTask DisposeAsync()
    {
        onDisposed?.Invoke();
        await base.DisposeAsync();
    }
}
