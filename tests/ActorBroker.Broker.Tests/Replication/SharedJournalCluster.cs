using ActorBroker.Broker.Tests.Durability;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// Durable nodes in one Akka cluster on loopback over one SQLite journal with owner fencing on, as nodes on a shared
/// PostgreSQL run; started in order (the first joins itself before its broker starts, as a node process does), and
/// returned once every node sees every one Up.
/// </summary>
internal sealed class SharedJournalCluster : IAsyncDisposable
{
    private static readonly TimeSpan s_membersUp = TimeSpan.FromSeconds(30);

    private readonly DurableTempFile _journal = new();

    private SharedJournalCluster()
    {
    }

    public List<DurableNode> Nodes { get; } = [];

    /// <summary>Starts a node named after each of <paramref name="names"/>; <paramref name="settings"/> go over the cluster's own.</summary>
    public static async Task<SharedJournalCluster> StartAsync(IReadOnlyList<string> names, string settings = "", TimeSpan? operationTimeout = null)
    {
        var cluster = new SharedJournalCluster();
        foreach (var name in names)
        {
            var seed = cluster.Nodes.Count == 0 ? null : Cluster.Get(cluster.Nodes[0].System).SelfAddress;
            var config = ConfigurationFactory.ParseString(settings).WithFallback(Settings(seed));
            cluster.Nodes.Add(await DurableNode.StartAsync(cluster._journal.Path, config, sharedJournalNode: name, beforeBroker: seed is null ? JoinItself : null, operationTimeout: operationTimeout));
        }

        await Eventually.HoldsAsync(
            () => cluster.Nodes.All(node => Cluster.Get(node.System).State.Members.Count(m => m.Status == MemberStatus.Up) == names.Count),
            s_membersUp,
            () => $"not every node sees {names.Count} members up");
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        _journal.Dispose();
    }

    private static void JoinItself(ActorSystem system) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress);

    private static Config Settings(Address? seed) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
        akka.cluster.downing-provider-class = ""
        akka.cluster.seed-nodes = [{{(seed is null ? "" : $"\"{seed}\"")}}]
        akka.persistence.journal.actorbroker.owner-fencing = on
        akka.persistence.snapshot-store.actorbroker.owner-fencing = on
        akka.loglevel = WARNING
        """);
}
