using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>The 3-node deployment in config/cluster/ is valid as shipped: distinct nodes, one list of seeds, one shared journal.</summary>
public sealed class ClusterConfigFilesTests
{
    [Fact]
    public void The_three_node_files_resolve_to_distinct_nodes_with_the_same_seeds_and_one_shared_database()
    {
        var nodes = Enumerable.Range(1, 3)
            .Select(i => ConfigFactory.ParseFile(Path.Combine(RepositoryRoot.Path, "config", "cluster", $"node{i}.conf")))
            .ToList();

        var settings = nodes.Select(NodeSettings.From).ToList();
        Assert.Equal(["node1@10.0.0.1", "node2@10.0.0.2", "node3@10.0.0.3"], settings.Select(s => s.NodeName));
        Assert.All(settings, s => Assert.Equal(JournalSettings.PostgreSql, s.Journal.Plugin));
        Assert.All(settings, s => Assert.True(s.Journal.Shared));
        Assert.Single(settings.Select(s => s.Journal.PostgresConnectionString).Distinct());
        var seeds = nodes.Select(n => string.Join(",", n.GetStringList("akka.cluster.seed-nodes"))).Distinct();
        Assert.Equal("akka.tcp://actorbroker@10.0.0.1:4053,akka.tcp://actorbroker@10.0.0.2:4053,akka.tcp://actorbroker@10.0.0.3:4053", Assert.Single(seeds));
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], nodes.Select(n => n.GetString("akka.remote.dot-netty.tcp.hostname")));
    }

    [Theory]
    [InlineData("akka.persistence.journal.plugin", "akka.persistence.journal.sql")]
    [InlineData("akka.persistence.snapshot-store.plugin", "akka.persistence.snapshot-store.sql")]
    public void A_shared_journal_refuses_a_plugin_without_owner_fencing(string setting, string unfencedPlugin)
    {
        var node = ConfigFactory.ParseString($"{setting} = \"{unfencedPlugin}\"")
            .WithFallback(ConfigFactory.ParseFile(Path.Combine(RepositoryRoot.Path, "config", "cluster", "node1.conf")));

        var refusal = Assert.Throws<ArgumentException>(() => NodeSettings.From(node));

        Assert.Contains(setting, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("owner fencing", refusal.Message, StringComparison.Ordinal);
    }
}
