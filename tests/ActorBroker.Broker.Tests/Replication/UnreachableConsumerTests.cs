using System.Threading.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Tests.Support;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// A queue on one node of three with a consumer on each of the others: while the queue's node cannot reach one
/// consumer's node (Akka's throttler transport drops everything between them, as a dead or cut-off node does), the
/// other consumer gets every message at once; when the node answers again, its consumer gets its share again. No
/// downing provider, so the cut-off node stays a member: this is about reachability, not membership.
/// </summary>
public sealed class UnreachableConsumerTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Config s_cluster = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0, applied-adapters = [trttl] }
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
        # Unreachable after 2 s of silence rather than Akka's 3 s pause plus margins: the test waits for it.
        akka.cluster.failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 2s }
        akka.cluster.downing-provider-class = ""
        akka.loglevel = WARNING
        """);

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly List<ActorSystem> _systems = [];
    private readonly List<MessageBroker> _brokers = [];

    public UnreachableConsumerTests()
        : base(s_cluster)
    {
    }

    public async Task InitializeAsync()
    {
        _systems.Add(Sys);
        _systems.Add(ActorSystem.Create(Sys.Name, s_cluster));
        _systems.Add(ActorSystem.Create(Sys.Name, s_cluster));
        foreach (var system in _systems)
        {
            await Cluster.Get(system).JoinAsync(Cluster.Get(Sys).SelfAddress);
        }

        await AwaitAssertAsync(() =>
        {
            foreach (var system in _systems)
            {
                Assert.Equal(3, Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up));
            }
        }, s_timeout);
        foreach (var system in _systems)
        {
            _brokers.Add(MessageBroker.Start(system));
        }
    }

    [Fact]
    public async Task A_consumer_on_an_unreachable_node_gets_no_new_deliveries_and_one_on_a_reachable_node_gets_them_at_once()
    {
        var owner = await ChannelOnAsync(0);
        await owner.DeclareQueueAsync("work");
        var (cutOff, staying) = (await ConsumerOnAsync(1, ack: true), await ConsumerOnAsync(2, ack: true));
        await PublishAsync(owner, "warm-up-1", "warm-up-2");
        Assert.Single(await ReadAsync(cutOff, 1));
        Assert.Single(await ReadAsync(staying, 1));

        var watcher = await CutOffAsync(1);
        await PublishAsync(owner, "a", "b", "c", "d");
        Assert.Equal(["a", "b", "c", "d"], Bodies(await ReadAsync(staying, 4)));

        await ThrottleAsync(Cluster.Get(_systems[1]).SelfAddress, Unthrottled.Instance);
        await watcher.ExpectMsgAsync<NodeReachabilityProtocol.NodeReachable>(s_timeout);
        await PublishAsync(owner, "e", "f");
        // Round-robin again, and nothing of the time it was cut off reached the consumer that was.
        var shares = (await ReadAsync(cutOff, 1)).Concat(await ReadAsync(staying, 1));
        Assert.Equal(["e", "f"], Bodies(shares).Order());
    }

    [Fact]
    public async Task When_an_unreachable_node_is_downed_its_unacked_go_to_a_consumer_on_another_node_flagged_redelivered()
    {
        var owner = await ChannelOnAsync(0);
        await owner.DeclareQueueAsync("work");
        var holding = await ConsumerOnAsync(1, ack: false);
        await PublishAsync(owner, "held");
        Assert.Single(await ReadAsync(holding, 1));
        var staying = await ConsumerOnAsync(2, ack: true);

        await CutOffAsync(1);
        Cluster.Get(Sys).Down(Cluster.Get(_systems[1]).SelfAddress);

        var redelivered = Assert.Single(await ReadAsync(staying, 1));
        Assert.Equal(("held", true), (redelivered.Message.BodyText(), redelivered.Redelivered));
        // The consumer on the node that stays is untouched by the end of the other's channel.
        await PublishAsync(owner, "next");
        Assert.Equal(["next"], Bodies(await ReadAsync(staying, 1)));
    }

    [Fact]
    public async Task A_node_started_again_at_the_address_of_a_downed_one_gets_its_share_of_deliveries()
    {
        var owner = await ChannelOnAsync(0);
        await owner.DeclareQueueAsync("work");
        await ConsumerOnAsync(1, ack: true);
        var staying = await ConsumerOnAsync(2, ack: true);
        var address = Cluster.Get(_systems[1]).SelfAddress;
        await CutOffAsync(1);
        Cluster.Get(Sys).Down(address);
        await AwaitAssertAsync(() => Assert.DoesNotContain(Cluster.Get(Sys).State.Members, m => m.Address.Equals(address)), s_timeout);
        await ThrottleAsync(address, Unthrottled.Instance);
        await _brokers[1].DisposeAsync();
        await _systems[1].Terminate();

        var again = ActorSystem.Create(Sys.Name, ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {address.Port}").WithFallback(s_cluster));
        _systems[1] = again;
        await Cluster.Get(again).JoinAsync(Cluster.Get(Sys).SelfAddress);
        await AwaitAssertAsync(() => Assert.Equal(3, Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up && !Cluster.Get(Sys).State.Unreachable.Contains(m))), s_timeout);
        _brokers[1] = MessageBroker.Start(again);
        var restarted = await ConsumerOnAsync(1, ack: true);

        await PublishAsync(owner, "one", "two");
        var shares = (await ReadAsync(restarted, 1)).Concat(await ReadAsync(staying, 1));
        Assert.Equal(["one", "two"], Bodies(shares).Order());
    }

    /// <summary>
    /// Drops all traffic between the queue's node and <paramref name="node"/> until the queue's node sees it unreachable;
    /// returns the probe that then hears of it again. The watcher tells the queues before this probe, so the queue
    /// knows by the time this returns.
    /// </summary>
    private async Task<Akka.TestKit.TestProbe> CutOffAsync(int node)
    {
        var watcher = CreateTestProbe(Sys);
        var address = Cluster.Get(_systems[node]).SelfAddress;
        watcher.Send(NodeReachability.Get(Sys).Watcher, new NodeReachabilityProtocol.WatchNode(address));
        await ThrottleAsync(address, Blackhole.Instance);
        await watcher.ExpectMsgAsync<NodeReachabilityProtocol.NodeUnreachable>(s_timeout);
        return watcher;
    }

    private Task<bool> ThrottleAsync(Address node, ThrottleMode mode) =>
        ((RemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Transport.ManagementCommand(new SetThrottle(node, ThrottleTransportAdapter.Direction.Both, mode)).WaitAsync(s_timeout);

    private async Task<BrokerChannel> ChannelOnAsync(int node) => await (await _brokers[node].ConnectAsync()).CreateChannelAsync();

    /// <summary>A consumer of "work" on <paramref name="node"/> that writes each delivery to the returned channel.</summary>
    private async Task<ChannelReader<Delivery>> ConsumerOnAsync(int node, bool ack)
    {
        var deliveries = Channel.CreateUnbounded<Delivery>();
        await (await ChannelOnAsync(node)).ConsumeAsync("work", delivery =>
        {
            deliveries.Writer.TryWrite(delivery);
            if (ack)
            {
                delivery.Ack();
            }
        });
        return deliveries.Reader;
    }

    private static IEnumerable<string> Bodies(IEnumerable<Delivery> deliveries) => deliveries.Select(d => d.Message.BodyText());

    private static async Task PublishAsync(BrokerChannel channel, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            Assert.True(await channel.PublishAsync("", "work", System.Text.Encoding.UTF8.GetBytes(body)));
        }
    }

    private static async Task<List<Delivery>> ReadAsync(ChannelReader<Delivery> deliveries, int count)
    {
        var bodies = new List<Delivery>();
        while (bodies.Count < count)
        {
            bodies.Add(await deliveries.ReadAsync().AsTask().WaitAsync(s_timeout));
        }

        return bodies;
    }

    public async Task DisposeAsync()
    {
        foreach (var broker in _brokers)
        {
            await broker.DisposeAsync();
        }

        foreach (var system in _systems.Skip(1))
        {
            await system.Terminate();
        }
    }
}
