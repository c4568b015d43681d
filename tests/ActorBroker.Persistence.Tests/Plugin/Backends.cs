using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Postgres;
using ActorBroker.Persistence.Tests.Support;
using ActorBroker.Testing.Postgres;
using Xunit.Abstractions;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>The four plugin × database combinations every plugin spec runs against.</summary>
internal static class Backends
{
    public static PluginBackend GroupCommitOnSqlite()
    {
        var directory = new TempDirectory();
        var path = directory.File(SqliteJournalOptions.FileName);
        return new GroupCommitBackend(
            () => PersistenceExtension.StartAsync(new SqliteJournal(new SqliteJournalOptions(path))),
            directory.Dispose);
    }

    public static async Task<PluginBackend> GroupCommitOnPostgresAsync(PostgresServer server, string key)
    {
        var connectionString = await server.DatabaseAsync(key);
        return new GroupCommitBackend(() => PersistenceExtension.StartAsync(new PostgresJournal(new PostgresJournalOptions(connectionString))));
    }

    public static PluginBackend SqlOnSqlite()
    {
        var directory = new TempDirectory();
        return new SqlPluginBackend($"Data Source={directory.File("akka.db")}", SqlPluginBackend.SqliteProvider, directory.Dispose);
    }

    public static async Task<PluginBackend> SqlOnPostgresAsync(PostgresServer server, string key) =>
        new SqlPluginBackend(await server.DatabaseAsync(key), SqlPluginBackend.PostgresProvider);
}

public sealed class GroupCommitOnSqliteJournalSpec(ITestOutputHelper output) : JournalPluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Task.FromResult(Backends.GroupCommitOnSqlite());
}

public sealed class SqlOnSqliteJournalSpec(ITestOutputHelper output) : JournalPluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Task.FromResult(Backends.SqlOnSqlite());
}

[Collection(PostgresServerGroup.Name)]
public sealed class GroupCommitOnPostgresJournalSpec(PostgresServer server, ITestOutputHelper output) : JournalPluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Backends.GroupCommitOnPostgresAsync(server, nameof(GroupCommitOnPostgresJournalSpec));
}

[Collection(PostgresServerGroup.Name)]
public sealed class SqlOnPostgresJournalSpec(PostgresServer server, ITestOutputHelper output) : JournalPluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Backends.SqlOnPostgresAsync(server, nameof(SqlOnPostgresJournalSpec));
}

public sealed class GroupCommitOnSqliteSnapshotStoreSpec(ITestOutputHelper output) : SnapshotStorePluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Task.FromResult(Backends.GroupCommitOnSqlite());
}

public sealed class SqlOnSqliteSnapshotStoreSpec(ITestOutputHelper output) : SnapshotStorePluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Task.FromResult(Backends.SqlOnSqlite());
}

[Collection(PostgresServerGroup.Name)]
public sealed class GroupCommitOnPostgresSnapshotStoreSpec(PostgresServer server, ITestOutputHelper output) : SnapshotStorePluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Backends.GroupCommitOnPostgresAsync(server, nameof(GroupCommitOnPostgresSnapshotStoreSpec));
}

[Collection(PostgresServerGroup.Name)]
public sealed class SqlOnPostgresSnapshotStoreSpec(PostgresServer server, ITestOutputHelper output) : SnapshotStorePluginSpec(output)
{
    protected override Task<PluginBackend> CreateBackendAsync() => Backends.SqlOnPostgresAsync(server, nameof(SqlOnPostgresSnapshotStoreSpec));
}
