using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Queues;

public class QueueStateAckTests
{
    [Fact]
    public void Nack_with_requeue_puts_message_back_at_its_place()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2", "3");
        var first = f.State.Get(1, autoAck: false)!;

        f.State.Nack(1, first.DeliveryTag, multiple: false, requeue: true);

        Assert.Equal(["1", "2", "3"], f.ReadyBodies());
        var again = f.State.Get(1, autoAck: false)!;
        Assert.True(again.Redelivered);
        Assert.Equal(2, again.DeliveryCount);
    }

    [Fact]
    public void Ack_multiple_settles_every_earlier_delivery_of_the_channel_only()
    {
        var f = new QueueStateFixture();
        f.Consume("a", channel: 1);
        f.Consume("b", channel: 2);
        f.Publish("1", "2", "3", "4");
        var d = f.Deliveries();

        f.State.Ack(1, d[2].DeliveryTag, multiple: true);

        Assert.Equal(2, f.State.UnackedCount);
        f.State.Ack(2, 0, multiple: true);
        Assert.Equal(0, f.State.UnackedCount);
    }

    [Fact]
    public void Acking_an_unknown_or_foreign_tag_is_a_precondition_error()
    {
        var f = new QueueStateFixture();
        f.Publish("1");
        var got = f.State.Get(1, autoAck: false)!;

        Assert.Equal(BrokerErrorCode.PreconditionFailed, Assert.Throws<BrokerException>(() => f.State.Ack(2, got.DeliveryTag, false)).Code);
        Assert.Throws<BrokerException>(() => f.State.Ack(1, 999, false));
        f.State.Ack(1, got.DeliveryTag, false);
        Assert.Throws<BrokerException>(() => f.State.Ack(1, got.DeliveryTag, false));
    }

    [Fact]
    public void Reject_without_requeue_dead_letters_with_reason_rejected()
    {
        var f = new QueueStateFixture();
        f.Publish("1");
        var got = f.State.Get(1, autoAck: false)!;

        f.State.Reject(1, got.DeliveryTag, requeue: false);

        var dead = Assert.Single(f.DeadLetters());
        Assert.Equal(DeadLetterReason.Rejected, dead.Reason);
        Assert.Equal(0, f.State.UnackedCount);
    }

    [Fact]
    public void Closing_a_channel_requeues_its_unacked_in_order_ahead_of_newer_messages()
    {
        var f = new QueueStateFixture();
        f.Consume("a", channel: 1, prefetch: 2);
        f.Publish("1", "2", "3");
        f.Deliveries();

        f.State.CloseChannel(1);

        Assert.Equal(["1", "2", "3"], f.ReadyBodies());
        Assert.Equal(0, f.State.ConsumerCount);
        Assert.Equal([1, 1, 0], f.State.Peek(3).Select(p => p.DeliveryCount));
    }

    [Fact]
    public void A_cancelled_consumers_unacked_stay_with_the_channel_until_it_closes()
    {
        var f = new QueueStateFixture();
        f.Consume("a", channel: 1);
        f.Publish("1");
        var d = Assert.Single(f.Deliveries());

        f.State.RemoveConsumer("a");
        Assert.Equal(1, f.State.UnackedCount);
        f.State.Ack(1, d.DeliveryTag, false);

        Assert.Equal(0, f.State.UnackedCount);
        Assert.Equal(0, f.State.ReadyCount);
    }

    [Fact]
    public void Recover_redelivers_the_channels_unacked()
    {
        var f = new QueueStateFixture();
        f.Consume("a", channel: 1, prefetch: 1);
        f.Publish("1");
        f.Deliveries();

        f.State.Recover(1);

        var again = Assert.Single(f.Deliveries());
        Assert.True(again.Redelivered);
    }

    [Fact]
    public void Delivery_limit_dead_letters_a_message_returned_too_often()
    {
        var f = new QueueStateFixture(new Headers { ["x-delivery-limit"] = 2 });
        f.Publish("poison");
        f.State.Nack(1, f.State.Get(1, false)!.DeliveryTag, false, requeue: true);
        f.State.Nack(1, f.State.Get(1, false)!.DeliveryTag, false, requeue: true);

        var dead = Assert.Single(f.DeadLetters());

        Assert.Equal(DeadLetterReason.DeliveryLimit, dead.Reason);
        Assert.Equal(0, f.State.ReadyCount);
    }

    [Fact]
    public void Nack_with_delay_returns_the_message_only_after_the_delay()
    {
        var f = new QueueStateFixture();
        f.Publish("later");
        var got = f.State.Get(1, false)!;

        f.State.Nack(1, got.DeliveryTag, false, requeue: true, delay: TimeSpan.FromSeconds(5));
        f.State.RunTimers();
        Assert.Equal(0, f.State.ReadyCount);
        Assert.Equal(f.Clock.GetUtcNow() + TimeSpan.FromSeconds(5), f.State.NextTimerDue);

        f.Clock.Advance(TimeSpan.FromSeconds(5));
        f.State.RunTimers();

        Assert.Equal(["later"], f.ReadyBodies());
    }

    [Fact]
    public void Auto_ack_deliveries_are_never_unacked()
    {
        var f = new QueueStateFixture();
        f.Consume("a", autoAck: true);
        f.Publish("1", "2");

        Assert.Equal(2, f.Deliveries().Count);
        Assert.Equal(0, f.State.UnackedCount);
    }
}
