using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Specs;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Postgres;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresJournalSpec(PostgresServer server) : JournalSpec
{
    protected override async Task<IJournal> CreateJournalAsync() => await server.OpenJournalAsync(nameof(PostgresJournalSpec));

    protected override Task<object?> ExecuteSqlAsync(string sql) => server.ExecuteSqlAsync(nameof(PostgresJournalSpec), sql);
}
