using ActorBroker.Persistence.Tests.Postgres;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Fencing;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresOwnerFencingPluginSpec(PostgresServer server) : OwnerFencingPluginSpec
{
    protected override async Task<string> DatabaseHoconAsync() =>
        $"provider = postgresql\npostgresql.connection-string = \"{await server.DatabaseAsync(nameof(PostgresOwnerFencingPluginSpec))}\"";
}
