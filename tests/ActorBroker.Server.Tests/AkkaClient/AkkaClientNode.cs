using System.Text.RegularExpressions;
using ActorBroker.Client;
using Akka.Actor;
using Akka.Configuration;
using RabbitMQ.Client;

namespace ActorBroker.Server.Tests.AkkaClient;

/// <summary>
/// A node process, an Akka client in this process (its own ActorSystem, so everything crosses Akka.Remote between
/// processes), and the node's AMQP port for RabbitMQ.Client.
/// </summary>
public sealed partial class AkkaClientNode : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-akka-client-");
    private NodeProcess _node = null!;

    public string AkkaAddress { get; private set; } = string.Empty;

    public int AmqpPort { get; private set; }

    public ActorSystem ClientSystem { get; private set; } = null!;

    public BrokerClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = NodeProcess.Start(_workDir.FullName);
        // In the order the node writes them: a wait consumes the lines before the one it waits for.
        AkkaAddress = AddressIn(await _node.WaitForLineAsync("at Akka address", Timeout));
        AmqpPort = await _node.WaitForAmqpPortAsync(Timeout);
        ClientSystem = ActorSystem.Create("app", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """));
        Client = await BrokerClient.ConnectAsync(ClientSystem, new BrokerClientSettings([AkkaAddress]));
    }

    public async Task<IConnection> ConnectAmqpAsync() =>
        await new ConnectionFactory { HostName = "127.0.0.1", Port = AmqpPort, UserName = "guest", Password = "guest" }.CreateConnectionAsync();

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await ClientSystem.Terminate();
        _node.SendSigterm();
        await _node.WaitForExitAsync(Timeout);
        await _node.DisposeAsync();
        _workDir.Delete(recursive: true);
    }

    /// <summary>The Akka address in a node's log line.</summary>
    public static string AddressIn(string line) =>
        AkkaAddressPattern().Match(line) is { Success: true } match ? match.Value : throw new InvalidOperationException($"No Akka address in '{line}'.");

    [GeneratedRegex(@"akka\.tcp://[\w.-]+@[\w.-]+:\d+")]
    private static partial Regex AkkaAddressPattern();
}
