using System.Threading.Channels;
using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Gateway;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Client;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// Three durable nodes on one shared journal; a queue lives on the second, clients on the third. The second node is
/// lost (Akka's throttler transport drops everything between it and the others, as after a kill, then it is downed):
/// the shard coordinator re-homes its durable queues' shards over the survivors, each starting its queues. A consumer of the lost queue is cancelled, as RabbitMQ tells a consumer
/// whose queue went down, and consuming again reads every confirmed message from the adopter; a publish still waiting
/// for the lost node's confirm is refused as soon as the node is downed, not after the confirm relay's backstop.
/// </summary>
public sealed class LostQueueNodeTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const int Adopter = 0;
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
            """);
    }

    [Fact]
    public async Task A_consumer_of_a_queue_whose_node_is_lost_is_cancelled_and_consuming_again_gets_every_confirmed_message()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var consumer = await ChannelOnAsync(Client);
        await PublishAsync(consumer, "a", "b");
        var cancelled = new TaskCompletionSource<ConsumerCancelledEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        consumer.ConsumerCancelled += (_, e) => cancelled.TrySetResult(e);
        var first = Channel.CreateUnbounded<Delivery>();
        var tag = await consumer.ConsumeAsync("work", d => first.Writer.TryWrite(d));
        var held = await ReadAsync(first.Reader, 2);

        await LoseOwnerAsync();

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
        var names = Enumerable.Range(0, 6).Select(i => $"spread-{i}").ToList();
        var declarer = await ChannelOnAsync(Owner);
        foreach (var name in names)
        {
            await declarer.DeclareQueueAsync(name, new QueueDeclaration(Durable: true));
            Assert.True(await declarer.PublishAsync("", name, System.Text.Encoding.UTF8.GetBytes(name), s_persistent).WaitAsync(s_timeout));
        }

        await LoseOwnerAsync();

        // The survivors' regions re-home the lost node's shards, each to the one holding fewest: not all on the oldest.
        var survivors = new[] { Adopter, Client }.Select(node => Cluster.Get(Nodes[node].System).SelfAddress).ToList();
        var host = await Nodes[Client].Broker.Supervisor.AskFor<VirtualHosts.VirtualHost>(new Supervision.BrokerSupervisorProtocol.FindVirtualHost("/"), s_timeout);
        Address OwnerOf(string name)
        {
            var actor = host.RequireQueue(name, 0).Actor;
            return actor.Path.Address.HasLocalScope ? survivors[1] : actor.Path.Address;
        }

        await AwaitAssertAsync(() => Assert.All(names, name => Assert.Contains(OwnerOf(name), survivors)), s_timeout);
        Assert.Equal(survivors.Count, names.Select(OwnerOf).Distinct().Count());
        var reader = await ChannelOnAsync(Client);
        foreach (var name in names)
        {
            var got = await reader.GetAsync(name, autoAck: true).WaitAsync(s_timeout);
            Assert.Equal(name, got.Delivery?.Message.BodyText());
        }
    }

    [Fact]
    public async Task A_publish_waiting_for_the_confirm_of_a_lost_node_is_refused_when_the_node_is_downed()
    {
        await (await ChannelOnAsync(Owner)).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        var publisher = await ChannelOnAsync(Client);
        await PublishAsync(publisher, "before");
        await CutOffOwnerAsync();

        var confirmed = publisher.PublishAsync("", "work", "lost in flight"u8.ToArray(), s_persistent);
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
        var owner = Cluster.Get(Nodes[Owner].System).SelfAddress;
        foreach (var node in new[] { Adopter, Client })
        {
            await Transport(node).ManagementCommand(new SetThrottle(owner, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)).WaitAsync(s_timeout);
        }

        await AwaitAssertAsync(() =>
        {
            foreach (var node in new[] { Adopter, Client })
            {
                Assert.Contains(Cluster.Get(Nodes[node].System).State.Unreachable, m => m.Address.Equals(owner));
            }
        }, s_timeout);
    }

    private Task DownOwnerAsync()
    {
        Cluster.Get(Nodes[Adopter].System).Down(Cluster.Get(Nodes[Owner].System).SelfAddress);
        return Task.CompletedTask;
    }

    private RemoteTransport Transport(int node) => ((RemoteActorRefProvider)((ExtendedActorSystem)Nodes[node].System).Provider).Transport;

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
