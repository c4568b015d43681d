namespace ActorBroker.Server.Tests.Crash;

[Trait("Category", "Crash")]
public sealed class SqliteNodeCrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_node_on_SQLite_killed_at_random_moments_keeps_every_confirmed_message_and_every_durable_ack() =>
        new CrashScenario(output, new Dictionary<string, string>()).RunAsync();
}
