using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Specs;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Postgres;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresSnapshotStoreSpec(PostgresServer server) : SnapshotStoreSpec
{
    protected override async Task<ISnapshotStore> CreateStoreAsync() => await server.OpenJournalAsync(nameof(PostgresSnapshotStoreSpec));

    protected override Task<object?> ExecuteSqlAsync(string sql) => server.ExecuteSqlAsync(nameof(PostgresSnapshotStoreSpec), sql);
}
