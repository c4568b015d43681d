namespace ActorBroker.Broker.Tests.Queues;

/// <summary>The deliveries a cross-queue transaction acks in a queue that does not hold its decision.</summary>
public class QueueStateTransactionTests
{
    [Fact]
    public void A_locked_delivery_stays_out_when_its_channel_closes_and_is_acked_by_the_commit()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2");
        var got = f.State.Get(1, autoAck: false)!;

        Assert.Equal([got.Sequence], f.State.Lock(7, 1, [got.DeliveryTag])!);
        f.State.CloseChannel(1);

        Assert.Equal(["2"], f.ReadyBodies());
        Assert.True(f.State.CommitLocked(7));
        Assert.Equal(0, f.State.UnackedCount);
        Assert.Equal(["2"], f.ReadyBodies());
    }

    [Fact]
    public void A_released_lock_returns_the_delivery_to_its_place_to_be_redelivered()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2");
        var got = f.State.Get(1, autoAck: false)!;
        f.State.Lock(7, 1, [got.DeliveryTag]);

        f.State.ReleaseLocked(7);

        Assert.Equal(["1", "2"], f.ReadyBodies());
        Assert.True(f.State.Get(1, autoAck: false)!.Redelivered);
    }

    [Fact]
    public void A_lock_naming_a_delivery_that_is_not_the_channels_locks_nothing()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2");
        var first = f.State.Get(1, autoAck: false)!;
        var second = f.State.Get(2, autoAck: false)!;

        Assert.Null(f.State.Lock(7, 1, [first.DeliveryTag, second.DeliveryTag]));
        Assert.False(f.State.CommitLocked(7));

        f.State.CloseChannel(1);
        Assert.Equal(["1"], f.ReadyBodies());
    }

    [Fact]
    public void A_recovered_commit_withdraws_the_ready_messages_it_acked_and_skips_those_gone()
    {
        var f = new QueueStateFixture();
        f.Publish("1", "2", "3");
        var sequences = f.State.Peek(3).Select(p => p.Sequence).ToArray();

        f.State.Withdraw([sequences[1], sequences[2] + 100]);

        Assert.Equal(["1", "3"], f.ReadyBodies());
    }
}
