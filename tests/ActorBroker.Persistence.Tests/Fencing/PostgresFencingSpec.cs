using ActorBroker.Persistence.Sql;
using ActorBroker.Persistence.Tests.Postgres;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Fencing;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresFencingSpec(PostgresServer server) : FencingSpec
{
    protected override async Task<SqlJournal> OpenJournalAsync() => await server.OpenJournalAsync(nameof(PostgresFencingSpec));
}
