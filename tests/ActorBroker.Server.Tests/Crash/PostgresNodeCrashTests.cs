using ActorBroker.Testing.Postgres;

namespace ActorBroker.Server.Tests.Crash;

[Trait("Category", "Crash")]
public sealed class PostgresNodeCrashTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_node_on_PostgreSQL_killed_at_random_moments_keeps_every_confirmed_message_and_every_durable_ack()
    {
        var environment = new Dictionary<string, string>
        {
            ["ACTORBROKER__actorbroker__journal__plugin"] = "postgresql",
            ["ACTORBROKER_PG_CONNECTION"] = await server.DatabaseAsync(nameof(PostgresNodeCrashTests)),
        };

        await new CrashScenario(output, environment).RunAsync();
    }
}
