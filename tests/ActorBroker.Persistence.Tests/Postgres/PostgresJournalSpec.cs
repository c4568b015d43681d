using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Tests.Specs;
using Npgsql;

namespace ActorBroker.Persistence.Tests.Postgres;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresJournalSpec(PostgresServer server) : JournalSpec
{
    protected override async Task<IJournal> CreateJournalAsync()
    {
        var journal = new PostgresJournal(new PostgresJournalOptions(await server.DatabaseAsync(nameof(PostgresJournalSpec))));
        await journal.InitializeAsync();
        return journal;
    }

    protected override async Task<object?> ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await server.DatabaseAsync(nameof(PostgresJournalSpec)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
