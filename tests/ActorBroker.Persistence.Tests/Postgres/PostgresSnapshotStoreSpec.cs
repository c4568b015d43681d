using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Specs;
using Npgsql;

namespace ActorBroker.Persistence.Tests.Postgres;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresSnapshotStoreSpec(PostgresServer server) : SnapshotStoreSpec
{
    protected override async Task<ISnapshotStore> CreateStoreAsync()
    {
        var journal = new PostgresJournal(new PostgresJournalOptions(await server.DatabaseAsync(nameof(PostgresSnapshotStoreSpec))));
        await journal.InitializeAsync();
        return journal;
    }

    protected override async Task<object?> ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await server.DatabaseAsync(nameof(PostgresSnapshotStoreSpec)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
