using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Postgres;

/// <summary>All PostgreSQL tests share one server, started once per run; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
