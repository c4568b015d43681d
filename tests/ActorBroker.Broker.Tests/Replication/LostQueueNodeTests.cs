using System.Threading.Channels;
using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Gateway;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Sharding;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Client;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// Three durable nodes on one shared journal; a queue lives on the second, clients on the third. The second node is
/// lost (Akka's throttler transport drops everything between it and the others, as after a kill; no resolver runs here,
/// so it stays a member until a test downs it): the survivors take its durable queues over as soon as they see it
/// unreachable, and the shard coordinator, once it is downed, re-homes their shards to the same survivors. A consumer of
/// the lost queue is cancelled, as RabbitMQ tells a consumer whose queue went down, and consuming again reads every
/// confirmed message from the adopter; a publish still waiting for the lost node's confirm is refused as soon as the
/// node is downed, not after the confirm relay's backstop.
/// </summary>
public sealed class LostQueueNodeTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const int Survivor = 0;
    private const int Owner = 1;
    private const int Client = 2;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };

    private SharedJournalCluster? _cluster;

    private List<DurableNode> Nodes => _cluster!.Nodes;

    public async Task InitializeAsync()
    {
        _cluster = await SharedJournalCluster.StartAsync(["a", "b", "c"], """
            akka.remote.dot-netty.tcp.applied-adapters = [trttl]
            akka.cluster.failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 2s }
            # A node cannot leave a cluster with an unreachable member: do not wait for it at the end of a test.
            akka.coordinated-shutdown.phases { cluster-sharding-shutdown-region.timeout = 1s, cluster-leave.timeout = 1s, cluster-exiting.timeout = 1s }
            """);
    }

    [Fact]
    public async Task A_consumer_of_a_queue_whose_node_is_lost_is_cancelled_once_a_survivor_took_the_queue_over_and_consuming_again_gets_every_confirmed_message()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var consumer = await ChannelOnAsync(Client);
        await PublishAsync(consumer, "a", "b");
        var cancelled = new TaskCompletionSource<ConsumerCancelledEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        consumer.ConsumerCancelled += (_, e) => cancelled.TrySetResult(e);
        var first = Channel.CreateUnbounded<Delivery>();
        var tag = await consumer.ConsumeAsync("work", d => first.Writer.TryWrite(d));
        var held = await ReadAsync(first.Reader, 2);

        // Not downed: the takeover, not death watch, ends the consumer.
        await CutOffOwnerAsync();

        var notice = await cancelled.Task.WaitAsync(s_timeout);
        Assert.Equal((tag, "work"), (notice.ConsumerTag, notice.Queue));
        // An ack of a delivery from the lost queue is accepted (the adopter holds the message again) and closes nothing.
        consumer.Ack(held[0].DeliveryTag);
        var again = Channel.CreateUnbounded<Delivery>();
        await consumer.ConsumeAsync("work", d =>
        {
            again.Writer.TryWrite(d);
            d.Ack();
        });
        await PublishAsync(consumer, "c");
        var redelivered = await ReadAsync(again.Reader, 3);
        Assert.Equal([("a", true), ("b", true), ("c", false)], redelivered.Select(d => (d.Message.BodyText(), d.Redelivered)));
        Assert.True(consumer.IsOpen);
    }

    [Fact]
    public async Task An_akka_client_subscriber_of_a_queue_whose_node_is_lost_is_told_its_subscription_ended()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var system = Nodes[Client].System;
        await using var client = await BrokerClient.ConnectToGatewayAsync(system, Nodes[Client].Broker.StartGateway());
        var probe = CreateTestProbe(system);
        var subscription = await client.SubscribeAsync("work", Props.Create(() => new Forwarder(probe.Ref)));

        await LoseOwnerAsync();

        Assert.Equal(new SubscriptionCancelled(subscription.ConsumerTag, "work"), await probe.ExpectMsgAsync<SubscriptionCancelled>(s_timeout));
        await client.SubscribeAsync("work", Props.Create(() => new Forwarder(probe.Ref)));
        await client.PublishAsync("", "work", "after"u8.ToArray());
        Assert.Equal("after", System.Text.Encoding.UTF8.GetString((await probe.ExpectMsgAsync<BrokerDelivery>(s_timeout)).Body.Span));
    }

    [Fact]
    public async Task The_queues_of_a_lost_node_are_spread_over_the_survivors_each_with_its_confirmed_messages()
    {
        // Twenty queues: all on one survivor by chance is one in half a million.
        var names = Enumerable.Range(0, 20).Select(i => $"spread-{i}").ToList();
        var declarer = await ChannelOnAsync(Owner);
        foreach (var name in names)
        {
            await declarer.DeclareQueueAsync(name, new QueueDeclaration(Durable: true));
            Assert.True(await declarer.PublishAsync("", name, System.Text.Encoding.UTF8.GetBytes(name), s_persistent).WaitAsync(s_timeout));
        }

        await LoseOwnerAsync();

        // Each shard goes to the survivor its hash names: spread over both, not all on the oldest.
        var survivors = new[] { Survivor, Client }.Select(Address).ToList();
        await AwaitAssertAsync(async () => Assert.All(await Task.WhenAll(names.Select(name => OwnerSeenByAsync(Client, name))), owner => Assert.Contains(owner, survivors)), s_timeout);
        var owners = await Task.WhenAll(names.Select(name => OwnerSeenByAsync(Client, name)));
        Assert.Equal(survivors.Count, owners.Distinct().Count());
        var reader = await ChannelOnAsync(Client);
        foreach (var name in names)
        {
            var got = await reader.GetAsync(name, autoAck: true).WaitAsync(s_timeout);
            Assert.Equal(name, got.Delivery?.Message.BodyText());
        }
    }

    [Fact]
    public async Task A_survivor_serves_the_durable_queue_of_an_unreachable_node_before_the_node_is_downed()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var client = await ChannelOnAsync(Client);
        await PublishAsync(client, "a", "b");

        await CutOffOwnerAsync();

        await AwaitAssertAsync(async () => Assert.NotEqual(Address(Owner), await OwnerSeenByAsync(Client, "work")), s_timeout);
        await PublishAsync(client, "c");
        Assert.Equal([("a", true), ("b", true), ("c", false)], await GetAsync(client, 3));
        // Nothing here downs a node: the owner is still a member, only unreachable.
        Assert.Contains(Cluster.Get(Nodes[Client].System).State.Unreachable, m => m.Address.Equals(Address(Owner)));
    }

    [Fact]
    public async Task Survivors_take_a_node_s_queues_over_when_the_transport_reports_its_connection_closed_and_a_node_that_lives_on_hears_of_it()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var client = await ChannelOnAsync(Client);
        await PublishAsync(client, "a");

        // What the transport publishes when a killed node's sockets close, long before a heartbeat is missed; here the
        // node lives on, as after a connection reset, and the transport connects to it again (below).
        foreach (var node in new[] { Survivor, Client })
        {
            Nodes[node].System.EventStream.Publish(new DisassociatedEvent(Address(node), Address(Owner), inbound: false));
        }

        await AwaitAssertAsync(async () => Assert.NotEqual(Address(Owner), await OwnerSeenByAsync(Client, "work")), s_timeout);
        foreach (var node in new[] { Survivor, Client })
        {
            Nodes[node].System.EventStream.Publish(new AssociatedEvent(Address(node), Address(Owner), inbound: false));
        }

        await AwaitAssertAsync(async () => Assert.Equal(await OwnerSeenByAsync(Client, "work"), await OwnerSeenByAsync(Owner, "work")), s_timeout);
        Assert.Equal([("a", true)], await GetAsync(client, 1));
    }

    [Fact]
    public async Task A_queue_taken_over_at_unreachability_stays_on_its_survivor_when_the_coordinator_re_homes_its_shard()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var client = await ChannelOnAsync(Client);
        await PublishAsync(client, "a");
        await CutOffOwnerAsync();
        await AwaitAssertAsync(async () => Assert.NotEqual(Address(Owner), await OwnerSeenByAsync(Client, "work")), s_timeout);
        var taker = await OwnerSeenByAsync(Client, "work") == Address(Survivor) ? Survivor : Client;
        var takenOver = await ActorSeenByAsync(Client, "work");

        await DownOwnerAsync();

        // Once the owner is removed, the coordinator re-homes its shard: to the survivor that runs the queue already.
        var region = ClusterSharding.Get(Nodes[taker].System).ShardRegion(QueueEntities.TypeName);
        await AwaitAssertAsync(async () =>
        {
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, s_timeout);
            Assert.Contains(state.Shards, shard => shard.EntityIds.Any(id => id.Contains("/work/", StringComparison.Ordinal)));
        }, s_timeout);
        Assert.Equal(takenOver, await ActorSeenByAsync(Client, "work"));
        Assert.Equal([("a", true)], await GetAsync(client, 1));
    }

    [Fact]
    public async Task A_node_reachable_again_routes_to_the_survivor_that_took_its_queue_over_and_its_own_actor_stops()
    {
        var ownerChannel = await ChannelOnAsync(Owner);
        await ownerChannel.DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        await PublishAsync(ownerChannel, "a");
        var stale = await ActorSeenByAsync(Owner, "work");
        await CutOffOwnerAsync();
        await AwaitAssertAsync(async () => Assert.NotEqual(Address(Owner), await OwnerSeenByAsync(Client, "work")), s_timeout);
        var taker = await OwnerSeenByAsync(Client, "work");
        var watcher = CreateTestProbe(Nodes[Owner].System);
        watcher.Watch(stale);

        await ThrottleOwnerAsync(Unthrottled.Instance);

        await AwaitAssertAsync(async () => Assert.Equal(taker, await OwnerSeenByAsync(Owner, "work")), s_timeout);
        await watcher.ExpectTerminatedAsync(stale, s_timeout);
        await PublishAsync(ownerChannel, "b");
        Assert.Equal([("a", true), ("b", false)], await GetAsync(ownerChannel, 2));
    }

    [Fact]
    public async Task A_publish_waiting_for_the_confirm_of_a_lost_node_is_refused_when_the_node_is_downed()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var publisher = await ChannelOnAsync(Client);
        await PublishAsync(publisher, "before");
        await BlackholeOwnerAsync();

        // Sent to the owner before anyone sees it unreachable; the survivors take the queue over meanwhile.
        var confirmed = publisher.PublishAsync("", "work", "lost in flight"u8.ToArray(), s_persistent);
        await AwaitOwnerUnreachableAsync();
        await DownOwnerAsync();

        // The relay's backstop refuses after 30 s: an answer within 20 s comes from the node's downing.
        Assert.False(await confirmed.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private async Task LoseOwnerAsync()
    {
        await CutOffOwnerAsync();
        await DownOwnerAsync();
    }

    /// <summary>Drops all traffic between the owner and the others until both see it unreachable, as after a kill.</summary>
    private async Task CutOffOwnerAsync()
    {
        await BlackholeOwnerAsync();
        await AwaitOwnerUnreachableAsync();
    }

    private Task BlackholeOwnerAsync() => ThrottleOwnerAsync(Blackhole.Instance);

    private async Task ThrottleOwnerAsync(ThrottleMode mode)
    {
        foreach (var node in new[] { Survivor, Client })
        {
            await Transport(node).ManagementCommand(new SetThrottle(Address(Owner), ThrottleTransportAdapter.Direction.Both, mode)).WaitAsync(s_timeout);
        }
    }

    private Task AwaitOwnerUnreachableAsync() => AwaitAssertAsync(() =>
    {
        foreach (var node in new[] { Survivor, Client })
        {
            Assert.Contains(Cluster.Get(Nodes[node].System).State.Unreachable, m => m.Address.Equals(Address(Owner)));
        }
    }, s_timeout);

    private Address Address(int node) => Cluster.Get(Nodes[node].System).SelfAddress;

    /// <summary>The node whose actor serves <paramref name="queue"/> in <paramref name="node"/>'s routing.</summary>
    private async Task<Address> OwnerSeenByAsync(int node, string queue)
    {
        var actor = await ActorSeenByAsync(node, queue);
        return actor.Path.Address.HasLocalScope ? Address(node) : actor.Path.Address;
    }

    private Task DownOwnerAsync()
    {
        Cluster.Get(Nodes[Survivor].System).Down(Address(Owner));
        return Task.CompletedTask;
    }

    private RemoteTransport Transport(int node) => ((RemoteActorRefProvider)((ExtendedActorSystem)Nodes[node].System).Provider).Transport;

    private async Task<IActorRef> ActorSeenByAsync(int node, string queue)
    {
        var host = await Nodes[node].Broker.Supervisor.AskFor<VirtualHosts.VirtualHost>(new Supervision.BrokerSupervisorProtocol.FindVirtualHost("/"), s_timeout);
        return host.RequireQueue(queue, 0).Actor;
    }

    private static async Task<List<(string Body, bool Redelivered)>> GetAsync(BrokerChannel channel, int count)
    {
        var got = new List<(string, bool)>();
        while (got.Count < count)
        {
            var delivery = (await channel.GetAsync("work", autoAck: true).WaitAsync(s_timeout)).Delivery;
            Assert.NotNull(delivery);
            got.Add((delivery.Message.BodyText(), delivery.Redelivered));
        }

        return got;
    }

    private Task<BrokerChannel> ChannelOnAsync(int node) => Nodes[node].OpenChannelAsync();

    private static async Task PublishAsync(BrokerChannel channel, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            Assert.True(await channel.PublishAsync("", "work", System.Text.Encoding.UTF8.GetBytes(body), s_persistent).WaitAsync(s_timeout));
        }
    }

    private static async Task<List<Delivery>> ReadAsync(ChannelReader<Delivery> deliveries, int count)
    {
        var read = new List<Delivery>();
        while (read.Count < count)
        {
            read.Add(await deliveries.ReadAsync().AsTask().WaitAsync(s_timeout));
        }

        return read;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>An Akka client's consumer that acks each delivery and tells the probe everything it gets.</summary>
    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef probe)
        {
            Receive<BrokerDelivery>(delivery =>
            {
                probe.Tell(delivery);
                Sender.Tell(delivery.Ack());
            });
            Receive<SubscriptionCancelled>(cancelled => probe.Tell(cancelled));
        }
    }
}
