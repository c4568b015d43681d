using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Tests.Client;

public class DeliveryTests : BrokerSpec
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Get_returns_the_oldest_message_and_the_remaining_count_or_empty()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("first"), new BasicProperties { MessageId = "m1", ContentType = "text/plain" });
        channel.Publish("", "q", Body("second"));

        var got = await channel.GetAsync("q", autoAck: true);

        Assert.Equal("first", Text(got.Delivery!));
        Assert.Equal(("m1", "text/plain", "q"), (got.Delivery!.Properties.MessageId, got.Delivery.Properties.ContentType, got.Delivery.RoutingKey));
        Assert.Equal(1, got.MessageCount);
        await channel.GetAsync("q", autoAck: true);
        Assert.Equal(new GetResult(null, 0), await channel.GetAsync("q"));
    }

    [Fact]
    public async Task Competing_consumers_get_messages_round_robin_in_fifo_order()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        var (a, _) = await ConsumeToProbeAsync(channel, "q", new ConsumeOptions(AutoAck: true));
        var (b, _) = await ConsumeToProbeAsync(channel, "q", new ConsumeOptions(AutoAck: true));

        for (var i = 1; i <= 4; i++)
        {
            channel.Publish("", "q", Body(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(["1", "3"], a.ReceiveN(2).Cast<Delivery>().Select(Text));
        Assert.Equal(["2", "4"], b.ReceiveN(2).Cast<Delivery>().Select(Text));
    }

    [Fact]
    public async Task Prefetch_limits_unacked_deliveries_until_acks_arrive()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        var (probe, _) = await ConsumeToProbeAsync(channel, "q", new ConsumeOptions(Prefetch: 2));
        for (var i = 0; i < 5; i++)
        {
            channel.Publish("", "q", Body("m"));
        }

        var first = probe.ReceiveN(2).Cast<Delivery>().ToList();
        probe.ExpectNoMsg(s_quiet);

        channel.Ack(first[1].DeliveryTag, multiple: true);

        Assert.Equal(2, probe.ReceiveN(2).Count);
    }

    [Fact]
    public async Task Channel_prefetch_is_shared_by_the_consumers_of_the_channel()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("a");
        await channel.DeclareQueueAsync("b");
        channel.SetPrefetch(perConsumer: 0, perChannel: 1);
        var (probe, _) = await ConsumeToProbeAsync(channel, "a");
        await channel.ConsumeAsync("b", d => probe.Ref.Tell(d));
        channel.Publish("", "a", Body("a1"));
        channel.Publish("", "b", Body("b1"));

        var first = probe.ExpectMsg<Delivery>();
        probe.ExpectNoMsg(s_quiet);
        first.Ack();

        Assert.NotEqual(first.Queue, probe.ExpectMsg<Delivery>().Queue);
    }

    [Fact]
    public async Task Closing_a_channel_requeues_its_unacked_in_order_ahead_of_newer_ones_as_redelivered()
    {
        var consumer = await OpenChannelAsync();
        await consumer.DeclareQueueAsync("q");
        var (probe, _) = await ConsumeToProbeAsync(consumer, "q", new ConsumeOptions(Prefetch: 2));
        consumer.Publish("", "q", Body("1"));
        consumer.Publish("", "q", Body("2"));
        consumer.Publish("", "q", Body("3"));
        probe.ReceiveN(2);

        await consumer.CloseAsync();
        var other = await OpenChannelAsync();
        var (next, _) = await ConsumeToProbeAsync(other, "q", new ConsumeOptions(AutoAck: true));

        var redelivered = next.ReceiveN(3).Cast<Delivery>().ToList();
        Assert.Equal(["1", "2", "3"], redelivered.Select(Text));
        Assert.Equal([true, true, false], redelivered.Select(d => d.Redelivered));
        Assert.Equal([2, 2, 1], redelivered.Select(d => d.DeliveryCount));
    }

    [Fact]
    public async Task A_lost_connection_returns_the_unacked_deliveries_of_all_its_channels()
    {
        var connection = await Broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("1"));
        var unacked = (await channel.GetAsync("q")).Delivery!;

        await connection.CloseAsync();

        var other = await OpenChannelAsync();
        var back = await GetEventuallyAsync(other, "q");
        Assert.Equal(("1", 2), (Text(back), back.DeliveryCount));
        Assert.False(channel.IsOpen);
        Assert.Throws<BrokerException>(() => unacked.Ack());
    }

    [Fact]
    public async Task A_cancelled_consumers_unacked_stay_with_the_channel_and_can_still_be_acked()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        var (probe, tag) = await ConsumeToProbeAsync(channel, "q");
        channel.Publish("", "q", Body("1"));
        channel.Publish("", "q", Body("2"));
        var deliveries = probe.ReceiveN(2).Cast<Delivery>().ToList();

        await channel.CancelAsync(tag);
        Assert.Equal(2, (await channel.GetQueueInfoAsync("q")).Unacked);
        deliveries[0].Ack();
        await channel.CloseAsync();

        var other = await OpenChannelAsync();
        var back = await GetEventuallyAsync(other, "q");
        Assert.Equal(("2", true), (Text(back), back.Redelivered));
        Assert.True((await other.GetAsync("q")).IsEmpty);
    }

    [Fact]
    public async Task Nack_with_requeue_puts_message_back_at_its_place()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("1"));
        channel.Publish("", "q", Body("2"));
        var first = (await channel.GetAsync("q")).Delivery!;

        channel.Nack(first.DeliveryTag, requeue: true);

        var again = await GetEventuallyAsync(channel, "q");
        Assert.Equal(("1", true, 2), (Text(again), again.Redelivered, again.DeliveryCount));
    }

    [Fact]
    public async Task Nack_with_a_delay_returns_the_message_only_after_the_delay()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("later"));
        var got = (await channel.GetAsync("q")).Delivery!;
        var (probe, _) = await ConsumeToProbeAsync(channel, "q", new ConsumeOptions(AutoAck: true));
        var delay = TimeSpan.FromMilliseconds(300);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        channel.Nack(got.DeliveryTag, requeue: true, delay: delay);

        Assert.Equal("later", Text(probe.ExpectMsg<Delivery>()));
        Assert.True(clock.Elapsed >= delay, $"Redelivered after {clock.Elapsed.TotalMilliseconds} ms, before the {delay.TotalMilliseconds} ms delay.");
    }

    [Fact]
    public async Task An_acked_message_is_never_delivered_again()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("once"));
        var got = (await channel.GetAsync("q")).Delivery!;

        got.Ack();
        await channel.CloseAsync();

        var other = await OpenChannelAsync();
        var info = await other.GetQueueInfoAsync("q");
        Assert.Equal((0, 0), (info.Ready, info.Unacked));
    }

    [Fact]
    public async Task Recover_redelivers_the_channels_unacked_messages()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        var (probe, _) = await ConsumeToProbeAsync(channel, "q");
        channel.Publish("", "q", Body("m"));
        Assert.False(probe.ExpectMsg<Delivery>().Redelivered);

        channel.Recover();

        Assert.True(probe.ExpectMsg<Delivery>().Redelivered);
    }

    [Fact]
    public async Task Acking_an_unknown_delivery_tag_closes_the_channel_with_precondition_failed()
    {
        var channel = await OpenChannelAsync();
        Watch(channel.Actor);

        channel.Ack(42);

        ExpectMsg<Akka.Actor.Terminated>();
        Assert.False(channel.IsOpen);
        Assert.Equal(BrokerErrorCode.PreconditionFailed, channel.CloseReason!.Code);
        Assert.Equal(BrokerErrorCode.ChannelClosed, Assert.Throws<BrokerException>(() => channel.Ack(1)).Code);
    }

    [Fact]
    public async Task An_exclusive_consumer_keeps_other_consumers_out()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        await channel.ConsumeAsync("q", _ => { }, new ConsumeOptions(Exclusive: true));

        var error = await Assert.ThrowsAsync<BrokerException>(() => channel.ConsumeAsync("q", _ => { }));

        Assert.Equal(BrokerErrorCode.AccessRefused, error.Code);
    }

    [Fact]
    public async Task A_single_active_consumer_queue_feeds_the_next_consumer_when_the_first_leaves()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("sac", new QueueDeclaration(Arguments: new Headers { ["x-single-active-consumer"] = true }));
        var (first, tag) = await ConsumeToProbeAsync(channel, "sac", new ConsumeOptions(AutoAck: true));
        var (second, _) = await ConsumeToProbeAsync(channel, "sac", new ConsumeOptions(AutoAck: true));
        channel.Publish("", "sac", Body("1"));
        channel.Publish("", "sac", Body("2"));
        first.ReceiveN(2);
        second.ExpectNoMsg(s_quiet);

        await channel.CancelAsync(tag);
        channel.Publish("", "sac", Body("3"));

        Assert.Equal("3", Text(second.ExpectMsg<Delivery>()));
    }

    [Fact]
    public async Task Priority_queues_deliver_higher_priorities_first()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("p", new QueueDeclaration(Arguments: new Headers { ["x-max-priority"] = 9 }));
        channel.Publish("", "p", Body("low"), new BasicProperties { Priority = 1 });
        channel.Publish("", "p", Body("high"), new BasicProperties { Priority = 8 });

        Assert.Equal("high", Text((await channel.GetAsync("p", autoAck: true)).Delivery!));
    }

    [Fact]
    public async Task Deleting_a_queue_cancels_its_consumers()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        var cancelled = new TaskCompletionSource<ConsumerCancelledEventArgs>();
        channel.ConsumerCancelled += (_, e) => cancelled.TrySetResult(e);
        var tag = await channel.ConsumeAsync("q", _ => { });

        await channel.DeleteQueueAsync("q");

        var e = await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal((tag, "q"), (e.ConsumerTag, e.Queue));
    }
}
