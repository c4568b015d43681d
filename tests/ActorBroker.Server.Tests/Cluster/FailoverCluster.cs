using ActorBroker.Testing.Net;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Node processes of one cluster on one shared PostgreSQL journal, each with a fixed Akka port and every node listed as
/// a seed, so a killed node can start again under its name and join the others; the cluster holds each node's port
/// (<see cref="PortReservation"/>) until it is disposed, so no other test or process takes it meanwhile. Failure
/// detection and the resolver are set as config/cluster/cluster.conf sets them, so that a test sees a kill handled in
/// seconds, not half a minute, and the failover it measures is the product's.
/// </summary>
internal sealed class FailoverCluster : IAsyncDisposable
{
    private static readonly TimeSpan s_start = TimeSpan.FromSeconds(90);
    private readonly string _workDir;
    private readonly string _database;
    private readonly PortReservation[] _akkaPorts;
    private readonly NodeProcess?[] _nodes;

    private FailoverCluster(string workDir, string database, int nodes)
    {
        (_workDir, _database) = (workDir, database);
        _akkaPorts = [.. Enumerable.Range(0, nodes).Select(_ => PortReservation.Take())];
        _nodes = new NodeProcess?[nodes];
        AmqpPorts = new int[nodes];
    }

    /// <summary>The AMQP port of each node (of its current incarnation).</summary>
    public int[] AmqpPorts { get; }

    /// <summary>Starts <paramref name="nodes"/> nodes one after the other, so node 0 is the oldest, then node 1, …</summary>
    public static async Task<FailoverCluster> StartAsync(string workDir, string database, int nodes)
    {
        var cluster = new FailoverCluster(workDir, database, nodes);
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                await cluster.StartNodeAsync(i);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Node <paramref name="index"/>'s process, to wait for its log lines.</summary>
    public NodeProcess Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");

    /// <summary>Starts node <paramref name="index"/> (again, after a kill) and waits until it serves AMQP.</summary>
    public async Task StartNodeAsync(int index)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workDir, $"node{index}")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(folder, "broker.conf"), overwrite: true);
        var seeds = string.Join(", ", _akkaPorts.Select(p => $"\"akka.tcp://actorbroker@127.0.0.1:{p.Port}\""));
        File.WriteAllText(Path.Combine(folder, "node.conf"), $"""
            include "broker.conf"
            actorbroker.node.name = "node{index}@localhost"
            actorbroker.journal.plugin = postgresql
            actorbroker.journal.shared = on
            akka.remote.dot-netty.tcp.port = {_akkaPorts[index].Port}
            akka.cluster.seed-nodes = [{seeds}]
            akka.cluster.failure-detector.heartbeat-interval = 200ms
            akka.cluster.failure-detector.acceptable-heartbeat-pause = 500ms
            akka.cluster.unreachable-nodes-reaper-interval = 200ms
            akka.cluster.leader-actions-interval = 200ms
            akka.cluster.gossip-interval = 200ms
            akka.cluster.split-brain-resolver.stable-after = 200ms
            akka.cluster.down-removal-margin = 100ms
            """);
        var node = NodeProcess.Start(folder, new Dictionary<string, string> { ["ACTORBROKER_PG_CONNECTION"] = _database }, "--config", "node.conf");
        _nodes[index] = node;
        AmqpPorts[index] = await node.WaitForAmqpPortAsync(s_start);
    }

    /// <summary>Kills node <paramref name="index"/> with SIGKILL.</summary>
    public async Task KillAsync(int index)
    {
        var node = Node(index);
        await node.KillAsync();
        await node.DisposeAsync();
        _nodes[index] = null;
    }

    /// <summary>
    /// Stops node <paramref name="index"/> with SIGTERM (it leaves the cluster), waits for it to exit 0, and checks that
    /// no persistent actor of it (sharding's coordinator among them) had a write refused while it left.
    /// </summary>
    public async Task StopAsync(int index)
    {
        var node = Node(index);
        node.SendSigterm();
        Assert.Equal(0, await node.WaitForExitAsync(s_start));
        Assert.DoesNotContain(node.Output, line => line.Contains("Failed to persist", StringComparison.Ordinal));
        await node.DisposeAsync();
        _nodes[index] = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        foreach (var port in _akkaPorts)
        {
            port.Dispose();
        }
    }
}
