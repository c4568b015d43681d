using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using ActorBroker.Client;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;
using Akka.Actor;
using Akka.Configuration;
using RabbitMQ.Client;

namespace ActorBroker.Server.Tests.AkkaClient;

/// <summary>
/// Node processes in one cluster and an Akka client given all as contacts: when the node it talks to stops (two
/// nodes) or is killed (three: the two that stay are the majority the Split Brain Resolver keeps, where two members
/// cannot tell a dead peer from a partition), the client opens a session on another node and its consumer actor goes
/// on. A queue lives on the node that declared it until queues are sharded (the cluster issue's step 2), so the tests
/// declare it on a node that stays.
/// </summary>
public sealed class AkkaClientFailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = AkkaClientNode.Timeout;
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-akka-failover-");
    private readonly List<NodeProcess> _nodes = [];
    private ActorSystem _clientSystem = null!;
    private bool _keepWorkDir;

    public Task InitializeAsync()
    {
        _clientSystem = ActorSystem.Create("app", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task When_the_node_a_client_talks_to_stops_the_client_goes_on_through_another_node()
    {
        var (first, firstAddress, firstPort) = await StartNodeAsync("first", seed: null);
        // A node listens for AMQP only once it is up in the cluster.
        var (second, secondAddress, secondPort) = await StartNodeAsync("second", seed: firstAddress);

        var client = await BrokerClient.ConnectAsync(_clientSystem, new BrokerClientSettings([firstAddress, secondAddress]));
        await DeclareOverAmqpAsync(client.Node == firstAddress ? secondPort : firstPort, "failover");
        var deliveries = Channel.CreateUnbounded<BrokerDelivery>();
        await client.SubscribeAsync("failover", Props.Create(() => new CollectingConsumer(deliveries.Writer)));
        await client.PublishAsync("", "failover", Encoding.UTF8.GetBytes("before"));
        Assert.Equal("before", Encoding.UTF8.GetString((await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout)).Body.Span));

        var lost = client.Node == firstAddress ? first : second;
        lost.SendSigterm();
        Assert.Equal(0, await lost.WaitForExitAsync(s_timeout));
        await PublishUntilConfirmedAsync(client, "after");

        var after = await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
        Assert.Equal("after", Encoding.UTF8.GetString(after.Body.Span));
        await client.DisposeAsync();
    }

    /// <summary>
    /// The nodes run with the shipped failure detector and resolver: the killed node is unreachable after about 5 s,
    /// when the queue stops delivering to the old subscription's consumer there, and is downed about 20 s later, when
    /// that consumer's unacked deliveries come back flagged redelivered.
    /// </summary>
    [Fact]
    public async Task When_the_node_a_client_talks_to_is_killed_the_client_goes_on_through_another_node()
    {
        var first = await StartNodeAsync("first", seed: null);
        var nodes = new[] { first, await StartNodeAsync("second", seed: first.AkkaAddress), await StartNodeAsync("third", seed: first.AkkaAddress) };
        // A declare reaches the members its node sees Up; one that has just joined may not be among them yet.
        foreach (var node in nodes)
        {
            using var api = new HttpClient { BaseAddress = node.Node.ManagementAddressWritten(), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) } };
            await Eventually.HoldsAsync(async () => (await api.GetAsync<List<NodeResource>>("/api/nodes")).Count(n => n is { Running: true, MemberStatus: "up" }) == 3,
                "three members up", s_timeout);
        }

        var client = await BrokerClient.ConnectAsync(_clientSystem, new BrokerClientSettings(nodes.Select(n => n.AkkaAddress).ToArray()));
        await DeclareOverAmqpAsync(nodes.First(n => n.AkkaAddress != client.Node).AmqpPort, "failover");
        var deliveries = Channel.CreateUnbounded<BrokerDelivery>();
        await client.SubscribeAsync("failover", Props.Create(() => new CollectingConsumer(deliveries.Writer)));
        await client.PublishAsync("", "failover", Encoding.UTF8.GetBytes("before"));
        Assert.Equal("before", Encoding.UTF8.GetString((await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout)).Body.Span));

        await nodes.Single(n => n.AkkaAddress == client.Node).Node.KillAsync();
        await PublishUntilConfirmedAsync(client, "after");

        await KeepingNodeOutputOnFailureAsync(async () =>
        {
            // The ack of "before" went through the killed node and may not have reached the queue: then it comes again,
            // flagged redelivered, once the cluster has downed that node.
            var after = await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
            if (Encoding.UTF8.GetString(after.Body.Span) == "before")
            {
                Assert.True(after.Redelivered);
                after = await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
            }

            Assert.Equal("after", Encoding.UTF8.GetString(after.Body.Span));
        });
        await client.DisposeAsync();
    }

    /// <summary>A failure keeps each node's output in the work directory, which is then not deleted, and names it.</summary>
    private async Task KeepingNodeOutputOnFailureAsync(Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Exception failure)
        {
            _keepWorkDir = true;
            for (var i = 0; i < _nodes.Count; i++)
            {
                await File.WriteAllLinesAsync(Path.Combine(_workDir.FullName, $"node-{i}.log"), _nodes[i].Output);
            }

            throw new InvalidOperationException($"{failure.Message} (node output in {_workDir.FullName})", failure);
        }
    }

    /// <summary>Publishes until a confirm comes: while the client fails over, a publish may time out.</summary>
    private static async Task PublishUntilConfirmedAsync(BrokerClient client, string text)
    {
        var deadline = DateTime.UtcNow + s_timeout * 2;
        while (true)
        {
            try
            {
                Assert.True(await client.PublishAsync("", "failover", Encoding.UTF8.GetBytes(text)));
                return;
            }
            catch (BrokerClientException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private async Task<(NodeProcess Node, string AkkaAddress, int AmqpPort)> StartNodeAsync(string name, string? seed)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workDir.FullName, name)).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(folder, "broker.conf"));
        var config = Path.Combine(folder, "node.conf");
        var seeds = seed is null ? string.Empty : $"akka.cluster.seed-nodes = [\"{seed}\"]";
        await File.WriteAllTextAsync(config, $"include \"broker.conf\"\nactorbroker.node.name = \"{name}@localhost\"\n{seeds}\n");
        var node = NodeProcess.Start(folder, "--config", config);
        _nodes.Add(node);
        var address = AkkaClientNode.AddressIn(await node.WaitForLineAsync("at Akka address", s_timeout));
        return (node, address, await node.WaitForAmqpPortAsync(s_timeout));
    }

    private static async Task DeclareOverAmqpAsync(int port, string queue)
    {
        await using var connection = await new ConnectionFactory { HostName = "127.0.0.1", Port = port }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
    }

    public async Task DisposeAsync()
    {
        await _clientSystem.Terminate();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (!_keepWorkDir)
        {
            _workDir.Delete(recursive: true);
        }
    }
}
