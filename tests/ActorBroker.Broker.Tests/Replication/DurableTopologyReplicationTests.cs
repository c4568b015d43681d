using ActorBroker.Broker.Client;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>Two durable nodes in one cluster, each over its own journal: what one deletes stays deleted on the other.</summary>
public sealed class DurableTopologyReplicationTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DurableTempFile _first = new();
    private readonly DurableTempFile _second = new();

    [Fact]
    public async Task An_exchange_both_nodes_journaled_and_one_deleted_does_not_come_back_when_the_other_restarts()
    {
        await using (var first = await DurableNode.StartAsync(_first.Path, ClusterSettings(seed: null)))
        {
            var firstCluster = Cluster.Get(first.System);
            firstCluster.Join(firstCluster.SelfAddress);
            await using (var second = await DurableNode.StartAsync(_second.Path, ClusterSettings(firstCluster.SelfAddress)))
            {
                await AwaitAssertAsync(() => Assert.Equal(2, firstCluster.State.Members.Count(m => m.Status == MemberStatus.Up)), s_timeout);
                await (await first.OpenChannelAsync()).DeclareExchangeAsync("orders", ExchangeType.Direct);
                await (await second.OpenChannelAsync()).DeclareExchangeAsync("orders", ExchangeType.Direct);

                await (await first.OpenChannelAsync()).DeleteExchangeAsync("orders");
            }
        }

        await using var restarted = await DurableNode.StartAsync(_second.Path);
        await restarted.OpenChannelAsync();
        var host = await restarted.Broker.Supervisor.Ask<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(MessageBroker.DefaultVirtualHost), s_timeout);
        Assert.False(host.Routing.TryGetExchange("orders", out _));
    }

    [Fact]
    public async Task A_virtual_host_created_on_one_node_is_journaled_by_the_other_and_comes_back_when_it_restarts_alone()
    {
        await using (var first = await DurableNode.StartAsync(_first.Path, ClusterSettings(seed: null)))
        {
            var firstCluster = Cluster.Get(first.System);
            firstCluster.Join(firstCluster.SelfAddress);
            await using (var second = await DurableNode.StartAsync(_second.Path, ClusterSettings(firstCluster.SelfAddress)))
            {
                await AwaitAssertAsync(() => Assert.Equal(2, firstCluster.State.Members.Count(m => m.Status == MemberStatus.Up)), s_timeout);

                await first.Broker.AddVirtualHostAsync("shop");
            }
        }

        await using var restarted = await DurableNode.StartAsync(_second.Path);
        Assert.Contains("shop", await restarted.Broker.Admin.ListVirtualHostsAsync());
    }

    private static Config ClusterSettings(Address? seed) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
        akka.cluster.seed-nodes = [{{(seed is null ? "" : $"\"{seed}\"")}}]
        akka.loglevel = WARNING
        """);

    protected override void Dispose(bool disposing)
    {
        _first.Dispose();
        _second.Dispose();
        base.Dispose(disposing);
    }
}
