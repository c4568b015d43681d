using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Queues;

public class QueueStateDeliveryTests
{
    [Fact]
    public void Consumers_receive_in_fifo_order_round_robin()
    {
        var f = new QueueStateFixture();
        f.Consume("a");
        f.Consume("b");

        f.Publish("1", "2", "3", "4");

        var deliveries = f.Deliveries();
        Assert.Equal(["a", "b", "a", "b"], deliveries.Select(d => d.ConsumerTag));
        Assert.Equal(["1", "2", "3", "4"], deliveries.Select(d => d.Message.BodyText()));
        Assert.All(deliveries, d => Assert.False(d.Redelivered));
    }

    [Fact]
    public void Consumer_prefetch_limits_unacked_deliveries_and_acks_open_the_window()
    {
        var f = new QueueStateFixture();
        f.Consume("a", prefetch: 2);
        f.Publish("1", "2", "3");
        var first = f.Deliveries();
        Assert.Equal(2, first.Count);

        f.State.Ack(1, first[0].DeliveryTag, multiple: false);

        Assert.Equal(["3"], f.Deliveries().Select(d => d.Message.BodyText()));
    }

    [Fact]
    public void Channel_window_is_shared_by_consumers_of_one_channel()
    {
        var f = new QueueStateFixture();
        var window = new ChannelWindow(2);
        f.Consume("a", window: window);
        f.Consume("b", window: window);

        f.Publish("1", "2", "3");

        Assert.Equal(2, f.Deliveries().Count);
        Assert.Equal(2, window.InFlight);
    }

    [Fact]
    public void Single_active_consumer_gets_everything_until_it_leaves()
    {
        var f = new QueueStateFixture(new Headers { ["x-single-active-consumer"] = true });
        f.Consume("first", autoAck: true);
        f.Consume("second", autoAck: true);
        f.Publish("1", "2");
        Assert.Equal(["first", "first"], f.Deliveries().Select(d => d.ConsumerTag));

        f.State.RemoveConsumer("first");
        f.Publish("3");

        Assert.Equal(["second"], f.Deliveries().Select(d => d.ConsumerTag));
    }

    [Fact]
    public void An_exclusive_consumer_keeps_others_out()
    {
        var f = new QueueStateFixture();
        f.State.AddConsumer(new ConsumerSpec("only", 1, 0, false, Exclusive: true));

        var error = Assert.Throws<BrokerException>(() => f.Consume("other"));

        Assert.Equal(BrokerErrorCode.AccessRefused, error.Code);
    }

    [Fact]
    public void Get_returns_the_head_or_null_when_empty()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2");

        var got = f.State.Get(channelId: 7, autoAck: false);

        Assert.Equal("1", got!.Message.BodyText());
        Assert.Equal(1, f.State.ReadyCount);
        Assert.Equal(1, f.State.UnackedCount);
        Assert.NotNull(f.State.Get(7, autoAck: true));
        Assert.Null(f.State.Get(7, autoAck: true));
    }

    [Fact]
    public void Higher_priority_messages_are_delivered_first_within_max_priority()
    {
        var f = new QueueStateFixture(new Headers { ["x-max-priority"] = 5 });
        f.State.Publish(TestMessages.Text("low", properties: new BasicProperties { Priority = 1 }));
        f.State.Publish(TestMessages.Text("none"));
        f.State.Publish(TestMessages.Text("high", properties: new BasicProperties { Priority = 200 }));
        f.State.Publish(TestMessages.Text("mid", properties: new BasicProperties { Priority = 3 }));

        Assert.Equal(["high", "mid", "low", "none"], f.ReadyBodies());
    }

    [Fact]
    public void Peek_shows_ready_messages_without_taking_them()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2", "3");

        Assert.Equal(["1", "2"], f.State.Peek(2).Select(p => p.Message.BodyText()));
        Assert.Equal(3, f.State.ReadyCount);
    }

    [Fact]
    public void Purge_removes_ready_messages_but_not_unacked_ones()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2", "3");
        f.State.Get(1, autoAck: false);

        Assert.Equal(2, f.State.Purge());
        Assert.Equal(0, f.State.ReadyCount);
        Assert.Equal(1, f.State.UnackedCount);
    }

    [Fact]
    public void Counters_count_what_happened()
    {
        var f = new QueueStateFixture();
        f.Consume("a");
        f.Publish("1", "2");
        var d = f.Deliveries();
        f.State.Ack(1, d[0].DeliveryTag, false);
        f.State.Nack(1, d[1].DeliveryTag, false, requeue: true);

        var c = f.State.Counters;

        Assert.Equal((2, 3, 1, 1), (c.Published, c.Delivered, c.Redelivered, c.Acked));
        Assert.Equal(1, c.Unacked);
    }
}
