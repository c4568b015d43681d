namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>The node against amqplib (Node.js), a client written independently of RabbitMQ.Client.</summary>
public sealed class AmqplibSmokeTests : IAsyncLifetime
{
    private static readonly TimeSpan s_smokeTimeout = TimeSpan.FromSeconds(30);

    private readonly BrokerNode _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task Amqplib_publishes_with_confirms_and_consumes_with_manual_ack()
    {
        var folder = await AmqplibProject.DirectoryAsync();

        var smoke = await ExternalProcess.RunAsync("node", folder, s_smokeTimeout, "smoke.js", $"amqp://guest:guest@127.0.0.1:{_node.Port}");

        Assert.True(smoke.ExitCode == 0, $"amqplib smoke test exited with {smoke.ExitCode}:\n{smoke.Output}");
        Assert.Empty(_node.Log.Errors);
    }
}
