using ActorBroker.Testing.Postgres;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>The same crash rounds with Akka.Persistence.Sql as the journal and snapshot plugin, on both databases.</summary>
[Trait("Category", "Crash")]
public sealed class SqlPluginNodeCrashTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly Dictionary<string, string> s_sqlPlugin = new()
    {
        ["ACTORBROKER__akka__persistence__journal__plugin"] = "akka.persistence.journal.sql",
        ["ACTORBROKER__akka__persistence__snapshot_store__plugin"] = "akka.persistence.snapshot-store.sql",
    };

    [Fact]
    public Task A_node_on_Akka_Persistence_Sql_over_SQLite_killed_at_random_moments_keeps_every_confirmed_message_and_every_durable_ack() =>
        new CrashScenario(output, s_sqlPlugin).RunAsync();

    [Fact]
    public async Task A_node_on_Akka_Persistence_Sql_over_PostgreSQL_killed_at_random_moments_keeps_every_confirmed_message_and_every_durable_ack()
    {
        var database = await server.DatabaseAsync(nameof(SqlPluginNodeCrashTests));
        var environment = new Dictionary<string, string>(s_sqlPlugin)
        {
            ["ACTORBROKER__actorbroker__journal__plugin"] = "postgresql",
            ["ACTORBROKER_PG_CONNECTION"] = database,
            ["ACTORBROKER__akka__persistence__journal__sql__provider_name"] = "PostgreSQL",
            ["ACTORBROKER__akka__persistence__journal__sql__connection_string"] = database,
        };

        await new CrashScenario(output, environment).RunAsync();
    }
}
