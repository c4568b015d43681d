using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Queues;

public class QueueStateConsumerPriorityTests
{
    [Fact]
    public void Higher_priority_consumers_share_messages_round_robin_and_a_lower_one_gets_only_what_they_cannot_take()
    {
        var f = new QueueStateFixture();
        f.Consume("low", prefetch: 0);
        f.Consume("high-a", prefetch: 1, priority: 10);
        f.Consume("high-b", prefetch: 1, priority: 10);

        f.Publish("1", "2", "3", "4");

        Assert.Equal(["high-a", "high-b", "low", "low"], f.Deliveries().Select(d => d.ConsumerTag));
    }

    [Fact]
    public void A_higher_priority_consumer_with_room_again_is_served_before_the_lower_one()
    {
        var f = new QueueStateFixture();
        f.Consume("high", prefetch: 1, priority: 10);
        f.Consume("low", prefetch: 0);
        f.Publish("1", "2");
        var first = f.Deliveries();
        Assert.Equal(["high", "low"], first.Select(d => d.ConsumerTag));

        f.State.Ack(1, first[0].DeliveryTag, multiple: false);
        f.Publish("3");

        Assert.Equal(["high"], f.Deliveries().Select(d => d.ConsumerTag));
    }

    [Fact]
    public void A_consumer_blocked_by_its_channel_window_lets_lower_priority_consumers_receive()
    {
        var f = new QueueStateFixture();
        var full = new ChannelWindow(1);
        Assert.True(full.TryAcquire());
        f.Consume("high", channel: 1, priority: 5, window: full);
        f.Consume("low", channel: 2);

        f.Publish("1");

        Assert.Equal(["low"], f.Deliveries().Select(d => d.ConsumerTag));
    }

    [Fact]
    public void Negative_priorities_rank_below_the_default()
    {
        var f = new QueueStateFixture();
        f.Consume("negative", priority: -3);
        f.Consume("default");

        f.Publish("1", "2");

        Assert.Equal(["default", "default"], f.Deliveries().Select(d => d.ConsumerTag));
    }

    [Fact]
    public void Replaying_the_events_restores_consumer_priorities()
    {
        var f = new QueueStateFixture();
        f.Consume("low");
        f.Consume("high", priority: 1);
        var replayed = new QueueState("q", QueueArguments.None, f.Clock);
        foreach (var e in f.State.PendingEvents)
        {
            replayed.Apply(e);
        }

        replayed.Publish(TestMessages.Text("1"));

        Assert.Equal(["high"], replayed.PendingEvents.OfType<MessageDelivered>().Select(d => d.ConsumerTag));
    }
}
