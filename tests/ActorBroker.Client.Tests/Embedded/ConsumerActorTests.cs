using ActorBroker.Broker.Client;
using ActorBroker.Client.Tests.Support;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Embedded;

public class ConsumerActorTests() : EmbeddedSpec(new BrokerOptions
{
    ConsumerRetry = new ConsumerRetryPolicy(MaxAttempts: 3, InitialBackoff: TimeSpan.FromMilliseconds(10)),
})
{
    [Fact]
    public async Task A_published_message_reaches_the_consumer_actor_and_its_ack_settles_it()
    {
        await Client.DeclareQueueAsync("orders");
        var probe = CreateTestProbe();
        await Client.SubscribeAsync("orders", ProbeConsumer.Acking(probe));

        Assert.True(await Client.PublishAsync("", "orders", Body("one"), new MessageProperties { MessageId = "m-1" }));

        var delivery = probe.ExpectMsg<BrokerDelivery>();
        Assert.Equal(("one", "m-1", "orders", false), (Text(delivery), delivery.Properties.MessageId, delivery.Queue, delivery.Redelivered));
        await AwaitAssertAsync(async () => Assert.Equal((0, 0), await CountsAsync("orders")));
    }

    [Fact]
    public async Task A_nack_with_requeue_brings_the_message_back_flagged_redelivered()
    {
        await Client.DeclareQueueAsync("retry");
        var probe = CreateTestProbe();
        await Client.SubscribeAsync("retry", Props.Create(() => new ProbeConsumer(probe, d => d.Redelivered ? d.Ack() : d.Nack(true))));

        await Client.PublishAsync("", "retry", Body("again"));

        Assert.False(probe.ExpectMsg<BrokerDelivery>().Redelivered);
        var second = probe.ExpectMsg<BrokerDelivery>();
        Assert.Equal((true, 2), (second.Redelivered, second.DeliveryCount));
    }

    [Fact]
    public async Task Prefetch_bounds_the_deliveries_a_consumer_actor_holds_unacknowledged()
    {
        await Client.DeclareQueueAsync("bounded");
        var probe = CreateTestProbe();
        await Client.SubscribeAsync("bounded", ProbeConsumer.Silent(probe), new SubscribeOptions(Prefetch: 2));

        for (var i = 0; i < 5; i++)
        {
            await Client.PublishAsync("", "bounded", Body($"m{i}"));
        }

        probe.ExpectMsg<BrokerDelivery>();
        probe.ExpectMsg<BrokerDelivery>();
        await AwaitAssertAsync(async () => Assert.Equal((3, 2), await CountsAsync("bounded")));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task When_the_consumer_actor_stops_its_unacked_messages_go_to_another_consumer_flagged_redelivered()
    {
        await Client.DeclareQueueAsync("handover");
        var first = CreateTestProbe();
        var leaving = await Client.SubscribeAsync("handover", ProbeConsumer.Silent(first), new SubscribeOptions(Prefetch: 1));
        await Client.PublishAsync("", "handover", Body("held"));
        first.ExpectMsg<BrokerDelivery>();
        var second = CreateTestProbe();
        await Client.SubscribeAsync("handover", ProbeConsumer.Acking(second));

        await leaving.Subscriber.GracefulStop(Eventually.Timeout);

        var redelivered = second.ExpectMsg<BrokerDelivery>();
        Assert.Equal(("held", true), (Text(redelivered), redelivered.Redelivered));
    }

    [Fact]
    public async Task A_consumer_actor_that_throws_is_retried_then_its_message_is_dead_lettered_with_reason_crash_and_the_exception()
    {
        var dlq = await DeclareWithDeadLetterQueueAsync("jobs");
        var attempts = CreateTestProbe();
        await Client.SubscribeAsync("jobs", Props.Create(() => new ThrowingConsumer(attempts.Ref)));

        await Client.PublishAsync("", "jobs", Body("boom"));

        Assert.Equal([1, 2, 3], attempts.ReceiveN(3).Cast<int>());
        var dead = await Eventually.GetAsync(Client, dlq);
        Assert.Equal(("boom", ("crash", "jobs")), (Text(dead), Eventually.Death(dead)));
        Assert.Equal(("System.InvalidOperationException", "cannot process boom"), ((string)dead.Properties.Headers!["x-exception-type"]!, (string)dead.Properties.Headers!["x-exception-message"]!));
    }

    [Fact]
    public async Task Unsubscribing_returns_the_unacked_messages_to_the_queue()
    {
        await Client.DeclareQueueAsync("paused");
        var probe = CreateTestProbe();
        var subscription = await Client.SubscribeAsync("paused", ProbeConsumer.Silent(probe));
        await Client.PublishAsync("", "paused", Body("later"));
        probe.ExpectMsg<BrokerDelivery>();

        await subscription.UnsubscribeAsync();

        var got = await Client.GetAsync("paused", autoAck: true);
        Assert.Equal(("later", true), (Text(got!), got!.Redelivered));
    }

    [Fact]
    public async Task When_its_queue_is_deleted_the_consumer_actor_is_told_and_the_subscription_ends()
    {
        await Client.DeclareQueueAsync("doomed");
        var probe = CreateTestProbe();
        var subscription = await Client.SubscribeAsync("doomed", ProbeConsumer.Acking(probe));
        Watch(subscription.Subscriber);

        await Client.DeleteQueueAsync("doomed");

        Assert.Equal(new SubscriptionCancelled(subscription.ConsumerTag, "doomed"), probe.ExpectMsg<SubscriptionCancelled>());
        ExpectTerminated(subscription.Subscriber);
        Assert.Equal(404, (await Assert.ThrowsAsync<BrokerClientException>(subscription.UnsubscribeAsync)).Code);
    }

    [Fact]
    public async Task Subscribing_to_a_missing_queue_fails_with_not_found()
    {
        var error = await Assert.ThrowsAsync<BrokerClientException>(() => Client.SubscribeAsync("nowhere", ProbeConsumer.Silent(TestActor)));

        Assert.Equal(404, error.Code);
    }

    private async Task<(int Ready, int Unacked)> CountsAsync(string queue)
    {
        var info = await (await (await Broker.ConnectAsync()).CreateChannelAsync()).GetQueueInfoAsync(queue);
        return (info.Ready, info.Unacked);
    }
}
