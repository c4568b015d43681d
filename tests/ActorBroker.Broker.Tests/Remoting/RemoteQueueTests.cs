using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;

namespace ActorBroker.Broker.Tests.Remoting;

/// <summary>
/// A queue on one node and its publisher and consumers (probes standing for channels) on another, over Akka.Remote:
/// confirms, deliveries, acks, the channel-wide window and a lost channel keep their meaning across nodes.
/// </summary>
public sealed class RemoteQueueTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Config s_remote = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """);

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly ActorSystem _queueNode = ActorSystem.Create("queue-node", s_remote);
    private MessageBroker _publisherBroker = null!;
    private MessageBroker _queueBroker = null!;
    private BrokerChannel _queueNodeChannel = null!;
    private IActorRef _queue = ActorRefs.Nobody;

    public RemoteQueueTests()
        : base(s_remote)
    {
    }

    public async Task InitializeAsync()
    {
        _publisherBroker = MessageBroker.Start(Sys);
        _queueBroker = MessageBroker.Start(_queueNode);
        _queueNodeChannel = await (await _queueBroker.ConnectAsync()).CreateChannelAsync();
        await _queueNodeChannel.DeclareQueueAsync("orders");
        var host = await _queueBroker.Supervisor.Ask<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost("/"), s_timeout);
        var local = host.RequireQueue("orders", connectionId: 0).Actor;
        _queue = await Sys.ActorSelection(local.Path.ToStringWithAddress(((ExtendedActorSystem)_queueNode).Provider.DefaultAddress)).ResolveOne(s_timeout);
    }

    [Fact]
    public async Task A_confirmed_publish_is_delivered_with_its_properties_to_a_consumer_on_the_other_node_and_acked_from_there()
    {
        var channel = CreateTestProbe();
        await SubscribeAsync(channel, "c1", channelId: 1, window: null);
        var sent = new Message("", "orders", new BasicProperties { MessageId = "m-1", Headers = new Headers { ["tenant"] = "acme" } }, "hello"u8.ToArray());

        Assert.True(await PublishAsync(sent));

        var delivered = channel.ExpectMsg<MessageDelivered>(s_timeout);
        Assert.Equal(("hello", "m-1", "acme", false, "c1"),
            (System.Text.Encoding.UTF8.GetString(delivered.Message.Body.Span), delivered.Message.Properties.MessageId,
             delivered.Message.Properties.Headers!["tenant"], delivered.Redelivered, delivered.ConsumerTag));
        _queue.Tell(new QueueProtocol.Ack(1, delivered.DeliveryTag, Multiple: false), channel.Ref);
        await AwaitAssertAsync(async () => Assert.Equal((0, 0), await CountsAsync()), s_timeout);
    }

    [Fact]
    public async Task The_channel_window_holds_on_the_queue_node_and_reopens_when_the_delivery_is_acked()
    {
        var channel = CreateTestProbe();
        await SubscribeAsync(channel, "c1", channelId: 1, window: new ChannelWindow(1));
        Assert.True(await PublishAsync(Text("first")));
        Assert.True(await PublishAsync(Text("second")));
        var first = channel.ExpectMsg<MessageDelivered>(s_timeout);
        await AwaitAssertAsync(async () => Assert.Equal((1, 1), await CountsAsync()), s_timeout);

        _queue.Tell(new QueueProtocol.Ack(1, first.DeliveryTag, Multiple: false), channel.Ref);

        // As a channel does: a window that opens makes the channel resume its queues.
        var second = (MessageDelivered)channel.FishForMessage(message =>
        {
            if (message is ChannelProtocol.WindowOpened)
            {
                _queue.Tell(QueueProtocol.Resume.Instance, channel.Ref);
            }

            return message is MessageDelivered;
        }, s_timeout);
        Assert.Equal("second", System.Text.Encoding.UTF8.GetString(second.Message.Body.Span));
    }

    [Fact]
    public async Task Deliveries_of_a_channel_that_stops_go_to_another_consumer_flagged_redelivered()
    {
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        await SubscribeAsync(doomed, "doomed", channelId: 1, window: null, prefetch: 1);
        Assert.True(await PublishAsync(Text("work")));
        doomed.ExpectMsg<MessageDelivered>(s_timeout);
        await SubscribeAsync(survivor, "survivor", channelId: 2, window: null);

        Sys.Stop(doomed.Ref);

        var again = survivor.ExpectMsg<MessageDelivered>(s_timeout);
        Assert.Equal(("work", true), (System.Text.Encoding.UTF8.GetString(again.Message.Body.Span), again.Redelivered));
    }

    [Fact]
    public async Task A_publish_to_a_queue_deleted_on_the_other_node_is_refused_not_left_unconfirmed()
    {
        await _queueNodeChannel.DeleteQueueAsync("orders");

        Assert.False(await PublishAsync(Text("too late")));
    }

    private async Task SubscribeAsync(TestProbe channel, string tag, long channelId, ChannelWindow? window, int prefetch = 10)
    {
        _queue.Tell(new QueueProtocol.Consume(new ConsumerSpec(tag, channelId, prefetch, AutoAck: false, Exclusive: false), channel.Ref, window), channel.Ref);
        await channel.ExpectMsgAsync<Status.Success>(s_timeout);
    }

    private async Task<bool> PublishAsync(Message message)
    {
        var confirm = new PublishConfirm(1);
        _queue.Tell(new QueueProtocol.Publish(message, confirm));
        return await confirm.Task.WaitAsync(s_timeout);
    }

    private async Task<(int Ready, int Unacked)> CountsAsync()
    {
        var info = (await _queueBroker.Admin.ListQueuesAsync("/")).Single(q => q.Name == "orders");
        return (info.Ready, info.Unacked);
    }

    private static Message Text(string text) => new("", "orders", new BasicProperties(), System.Text.Encoding.UTF8.GetBytes(text));

    public async Task DisposeAsync()
    {
        await _publisherBroker.DisposeAsync();
        await _queueBroker.DisposeAsync();
        await _queueNode.Terminate();
    }
}
