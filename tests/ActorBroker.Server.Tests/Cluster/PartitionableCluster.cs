using ActorBroker.Broker.Client;
using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Listeners;
using ActorBroker.Testing.Net;
using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Nodes of one cluster on one shared PostgreSQL journal, each a whole node (<see cref="NodeHost"/>: AMQP listener,
/// broker, journal, CoordinatedShutdown) hosted in this test process, so that the test reaches each node's Akka
/// transport: every node runs over Akka's throttler adapter (<c>applied-adapters = [trttl]</c>, test config only), which
/// can drop all traffic between two nodes and let it through again. Each node lists every node as a seed, so a node
/// can start again under its name and join the others; the cluster holds each node's Akka port
/// (<see cref="PortReservation"/>) until it is disposed, so no other test or process takes it meanwhile. Failure
/// detection is as in <c>config/cluster/</c> except the heartbeat pause (3 s, not 1 s): the nodes and their clients share this
/// process's CPU, and on the loaded test machine a 1 s pause downed a busy node that was not cut off. Each node logs
/// (information and up, every incarnation) to <c>node&lt;i&gt;/node.log</c> in the work directory.
/// </summary>
internal sealed class PartitionableCluster : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _workDir;
    private readonly string _database;
    private readonly PortReservation[] _akkaPorts;
    private readonly IHost?[] _hosts;

    private PartitionableCluster(string workDir, string database, int nodes)
    {
        (_workDir, _database) = (workDir, database);
        _akkaPorts = [.. Enumerable.Range(0, nodes).Select(_ => PortReservation.Take())];
        _hosts = new IHost?[nodes];
    }

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes one after the other, so node 0 is the oldest, then node 1, …;
    /// <paramref name="settings"/> gives each node's own HOCON on top of the shared settings.
    /// </summary>
    public static async Task<PartitionableCluster> StartAsync(string workDir, string database, int nodes, Func<int, string> settings)
    {
        var cluster = new PartitionableCluster(workDir, database, nodes);
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                await cluster.StartNodeAsync(i, settings(i));
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Node <paramref name="index"/>'s actor system (of its current incarnation).</summary>
    public ActorSystem System(int index) => Host(index).Services.GetRequiredService<ActorSystem>();

    /// <summary>The broker of node <paramref name="index"/> (of its current incarnation).</summary>
    public Task<MessageBroker> BrokerAsync(int index) => Host(index).Services.GetRequiredService<NodeReadiness>().WhenReady;

    /// <summary>The AMQP port of node <paramref name="index"/> (of its current incarnation).</summary>
    public int AmqpPort(int index) => Host(index).Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port;

    /// <summary>The Akka address of node <paramref name="index"/> (of its current incarnation).</summary>
    public Address Address(int index) => new("akka.trttl.tcp", AkkaNodeConfig.ActorSystemName, "127.0.0.1", _akkaPorts[index].Port);

    /// <summary>Starts node <paramref name="index"/> and waits until it is Up and serves AMQP.</summary>
    public async Task StartNodeAsync(int index, string settings = "")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workDir, $"node{index}")).FullName.Replace("\\", "/", StringComparison.Ordinal);
        var seeds = string.Join(", ", Enumerable.Range(0, _akkaPorts.Length).Select(i => $"\"{Address(i)}\""));
        var file = Path.Combine(folder, "node.conf");
        File.WriteAllText(file, $$"""
            include file("{{Path.Combine(AppContext.BaseDirectory, "config", "broker.conf")}}")
            actorbroker {
              node.name = "node{{index}}@localhost"
              data-directory = "{{folder}}"
              amqp.port = 0
              management.enabled = false
              alarms.disk-free-limit = 0
              alarms.memory-high-watermark = 1
              logging.level = information
              journal.plugin = postgresql
              journal.shared = on
              journal.postgresql.connection-string = "{{_database}}"
            }
            akka.remote.dot-netty.tcp { port = {{_akkaPorts[index].Port}}, applied-adapters = [trttl] }
            akka.cluster {
              seed-nodes = [{{seeds}}]
              seed-node-timeout = 2s
              failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 3s }
              split-brain-resolver.stable-after = 1s
              unreachable-nodes-reaper-interval = 200ms
              leader-actions-interval = 200ms
              gossip-interval = 200ms
            }
            {{settings}}
            """);
        var host = NodeHost.Build(ConfigFactory.ParseFile(file), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new NodeLogFile(Path.Combine(folder, "node.log")));
        });
        _hosts[index] = host;
        await host.StartAsync().WaitAsync(s_timeout);
    }

    /// <summary>
    /// Drops all traffic between node <paramref name="index"/> and every other node, both ways, in node
    /// <paramref name="index"/>'s transport: the others hear nothing from it and it hears nothing from them. Only the
    /// cut-off node's transport is throttled so that a later incarnation at its address (a transport of its own) is
    /// reached normally: with the others' transports throttled and unthrottled again, the node that had adopted its
    /// queues never reached the new incarnation (Akka 1.5.75), and the resolver downed them both.
    /// </summary>
    public Task CutOffAsync(int index) => ThrottleAsync(index, Blackhole.Instance);

    /// <summary>Lets node <paramref name="index"/>'s traffic through again, if that incarnation still runs.</summary>
    public Task HealAsync(int index) => System(index).WhenTerminated.IsCompleted ? Task.CompletedTask : ThrottleAsync(index, Unthrottled.Instance);

    /// <summary>
    /// Starts a new incarnation of node <paramref name="index"/>, which stopped, under its name at a new Akka address. At
    /// its old address, the node that had adopted its queues never heard the new incarnation (its heartbeats and gossip
    /// were lost for seconds, Akka 1.5.75 in one process, the old incarnation's connections closed 0.2 s before) and the
    /// resolver downed them both; a node process restarting under a supervisor takes longer than that.
    /// </summary>
    public Task RestartNodeAsync(int index)
    {
        // Taken before the old one is released, so that it is another port.
        var old = _akkaPorts[index];
        _akkaPorts[index] = PortReservation.Take();
        old.Dispose();
        return StartNodeAsync(index);
    }

    /// <summary>Stops and forgets node <paramref name="index"/>'s host (its actor system may have terminated already).</summary>
    public async Task StopNodeAsync(int index)
    {
        var host = Host(index);
        _hosts[index] = null;
        await host.StopAsync().WaitAsync(s_timeout);
        host.Dispose();
    }

    private async Task ThrottleAsync(int index, ThrottleMode mode)
    {
        var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)System(index)).Provider).Transport;
        var others = Enumerable.Range(0, _hosts.Length).Where(other => other != index);
        var commands = others.Select(other => transport.ManagementCommand(new SetThrottle(Address(other), ThrottleTransportAdapter.Direction.Both, mode)));
        Assert.All(await Task.WhenAll(commands).WaitAsync(s_timeout), Assert.True);
    }

    private IHost Host(int index) => _hosts[index] ?? throw new InvalidOperationException($"node {index} is not running");

    public async ValueTask DisposeAsync()
    {
        // All at once: each stop is a leave, which the others handle together.
        await Task.WhenAll(_hosts.Select((host, index) => (host, index)).Where(h => h.host is not null).Select(h => StopNodeAsync(h.index)));
        foreach (var port in _akkaPorts)
        {
            port.Dispose();
        }
    }
}
