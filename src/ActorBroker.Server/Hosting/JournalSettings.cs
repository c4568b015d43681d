using ActorBroker.Hocon;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sqlite;

namespace ActorBroker.Server.Hosting;

/// <summary>The <c>actorbroker.journal</c> section: which store durable queues write to, and how.</summary>
internal sealed record JournalSettings(string Plugin, string SqlitePath, string PostgresConnectionString, int MaxBatch, int SnapshotEvery)
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>
    /// actorbroker.journal.shared: every node of the cluster journals into this one PostgreSQL database, each node's own
    /// journals named after its node name (<see cref="Broker.Durability.BrokerDurability.SharedJournalNode"/>).
    /// </summary>
    public bool Shared { get; init; }

    /// <exception cref="ArgumentException">An unknown plugin or a value out of range, named by its setting.</exception>
    public static JournalSettings From(Config journal)
    {
        var plugin = journal.GetString("plugin");
        if (plugin is not (Sqlite or PostgreSql))
        {
            throw new ArgumentException($"actorbroker.journal.plugin is '{plugin}'; it must be '{Sqlite}' or '{PostgreSql}'.");
        }

        var settings = new JournalSettings(
            plugin,
            journal.GetString("sqlite.path"),
            journal.GetString("postgresql.connection-string"),
            journal.GetInt("group-commit.max-batch"),
            journal.GetInt("snapshot-every"))
        {
            Shared = journal.GetBoolean("shared", false),
        };
        if (settings.Shared && plugin != PostgreSql)
        {
            // A SQLite file belongs to one machine: the nodes that share a journal need a database server.
            throw new ArgumentException($"actorbroker.journal.shared = on needs actorbroker.journal.plugin = {PostgreSql}, not '{plugin}'.");
        }

        return settings.MaxBatch < 1 || settings.SnapshotEvery < 1
            ? throw new ArgumentException("actorbroker.journal.group-commit.max-batch and actorbroker.journal.snapshot-every must be at least 1.")
            : settings;
    }

    /// <summary>Where the journal lives, for the start log line (never the connection string: it may hold a password).</summary>
    public string Describe() => Plugin == Sqlite
        ? $"sqlite journal {Path.GetFullPath(SqlitePath)}"
        : Shared ? "shared postgresql journal (connection string from actorbroker.journal.postgresql)"
        : "postgresql journal (connection string from actorbroker.journal.postgresql)";

    /// <summary>Creates the configured store; not yet initialized.</summary>
    public (IJournal Journal, ISnapshotStore Snapshots) CreateStore()
    {
        if (Plugin == Sqlite)
        {
            var sqlite = new SqliteJournal(new SqliteJournalOptions(SqlitePath));
            return (sqlite, sqlite);
        }

        var postgres = new PostgresJournal(new PostgresJournalOptions(PostgresConnectionString));
        return (postgres, postgres);
    }
}
