using ActorBroker.Client.Tests.Support;

namespace ActorBroker.Client.Tests.Embedded;

public class StreamTests : EmbeddedSpec
{
    private async Task PublishAsync(string stream, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await Client.PublishAsync("", stream, Body($"m{i}")));
        }
    }

    [Fact]
    public async Task A_consumer_actor_reads_a_stream_from_its_first_message_and_each_delivery_carries_its_offset()
    {
        await Client.DeclareStreamAsync("events");
        await PublishAsync("events", 3);
        var probe = CreateTestProbe();

        await Client.SubscribeToStreamAsync("events", ProbeConsumer.Acking(probe), new StreamSubscribeOptions(StreamOffset.First));

        var deliveries = probe.ReceiveN(3).Cast<BrokerDelivery>().ToList();
        Assert.Equal([(0L, "m0"), (1L, "m1"), (2L, "m2")], deliveries.Select(d => (d.Offset!.Value, Text(d))));
        Assert.All(deliveries, d => Assert.Equal("events", d.Queue));
    }

    [Fact]
    public async Task A_subscription_at_an_offset_starts_at_that_message()
    {
        await Client.DeclareStreamAsync("from-offset");
        await PublishAsync("from-offset", 5);
        var probe = CreateTestProbe();

        await Client.SubscribeToStreamAsync("from-offset", ProbeConsumer.Acking(probe), new StreamSubscribeOptions(StreamOffset.At(3)));

        Assert.Equal([3L, 4L], probe.ReceiveN(2).Cast<BrokerDelivery>().Select(d => d.Offset!.Value));
    }

    [Fact]
    public async Task Last_starts_at_the_newest_message_and_next_after_it()
    {
        await Client.DeclareStreamAsync("tail");
        await PublishAsync("tail", 3);
        var last = CreateTestProbe();
        var next = CreateTestProbe();

        await Client.SubscribeToStreamAsync("tail", ProbeConsumer.Acking(last), new StreamSubscribeOptions(StreamOffset.Last));
        await Client.SubscribeToStreamAsync("tail", ProbeConsumer.Acking(next), new StreamSubscribeOptions(StreamOffset.Next));
        await Client.PublishAsync("", "tail", Body("new"));

        Assert.Equal([(2L, "m2"), (3L, "new")], last.ReceiveN(2).Cast<BrokerDelivery>().Select(d => (d.Offset!.Value, Text(d))));
        Assert.Equal((3L, "new"), next.ExpectMsg<BrokerDelivery>() is var d ? (d.Offset!.Value, Text(d)) : default);
    }

    [Fact]
    public async Task A_subscription_from_a_time_in_the_past_reads_what_was_written_since()
    {
        await Client.DeclareStreamAsync("since");
        await PublishAsync("since", 2);
        var probe = CreateTestProbe();

        await Client.SubscribeToStreamAsync("since", ProbeConsumer.Acking(probe), new StreamSubscribeOptions(StreamOffset.FromTime(DateTimeOffset.UtcNow.AddMinutes(-5))));

        Assert.Equal([0L, 1L], probe.ReceiveN(2).Cast<BrokerDelivery>().Select(d => d.Offset!.Value));
    }

    [Fact]
    public async Task Acks_commit_the_group_offset_and_the_next_member_goes_on_from_there()
    {
        await Client.DeclareStreamAsync("audit");
        await PublishAsync("audit", 5);
        var first = CreateTestProbe();
        var leaving = await Client.SubscribeToStreamAsync(
            "audit",
            Akka.Actor.Props.Create(() => new ProbeConsumer(first, d => d.Offset < 3 ? d.Ack() : null)),
            new StreamSubscribeOptions(ConsumerGroup: "billing"));
        Assert.Equal([0L, 1L, 2L, 3L, 4L], first.ReceiveN(5).Cast<BrokerDelivery>().Select(d => d.Offset!.Value));
        await AwaitAssertAsync(
            async () => Assert.Equal(3L, (await Broker.Admin.ListConsumerGroupsAsync("/", "audit")).Single().CommittedOffset),
            Eventually.Timeout);

        await leaving.UnsubscribeAsync();
        var next = CreateTestProbe();
        await Client.SubscribeToStreamAsync("audit", ProbeConsumer.Acking(next), new StreamSubscribeOptions(ConsumerGroup: "billing"));

        Assert.Equal([3L, 4L], next.ReceiveN(2).Cast<BrokerDelivery>().Select(d => d.Offset!.Value));
        next.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task One_consumer_actor_reads_every_partition_of_a_super_stream_in_order_per_partition()
    {
        await Client.DeclareSuperStreamAsync("orders", partitions: 3);
        var probe = CreateTestProbe();
        await Client.SubscribeToSuperStreamAsync("orders", ProbeConsumer.Acking(probe), new StreamSubscribeOptions(StreamOffset.First, ConsumerGroup: "shipping"));

        for (var i = 0; i < 30; i++)
        {
            Assert.True(await Client.PublishAsync("orders", $"customer-{i % 7}", Body($"m{i}")));
        }

        var deliveries = probe.ReceiveN(30, Eventually.Timeout).Cast<BrokerDelivery>().ToList();
        Assert.Equal(30, deliveries.Select(Text).Distinct().Count());
        Assert.Subset(new HashSet<string> { "orders-0", "orders-1", "orders-2" }, deliveries.Select(d => d.Queue).ToHashSet());
        foreach (var partition in deliveries.GroupBy(d => d.Queue))
        {
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(o => (long)o), partition.Select(d => d.Offset!.Value));
        }
    }

    [Fact]
    public async Task Deleting_a_super_stream_tells_its_consumer_actor_once_and_ends_the_subscription()
    {
        await Client.DeclareSuperStreamAsync("doomed-orders", partitions: 2);
        var probe = CreateTestProbe();
        var subscription = await Client.SubscribeToSuperStreamAsync("doomed-orders", ProbeConsumer.Acking(probe));
        Watch(subscription.Subscriber);

        await Client.DeleteExchangeAsync("doomed-orders");

        var cancelled = probe.ExpectMsg<SubscriptionCancelled>();
        Assert.Equal(subscription.ConsumerTag, cancelled.ConsumerTag);
        Assert.StartsWith("doomed-orders-", cancelled.Queue, StringComparison.Ordinal);
        ExpectTerminated(subscription.Subscriber);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Subscribing_to_a_missing_super_stream_fails_with_not_found()
    {
        var error = await Assert.ThrowsAsync<BrokerClientException>(() => Client.SubscribeToSuperStreamAsync("nowhere", ProbeConsumer.Silent(TestActor)));

        Assert.Equal(404, error.Code);
    }

    [Fact]
    public async Task A_delivery_from_a_queue_has_no_offset()
    {
        await Client.DeclareQueueAsync("plain");
        await Client.PublishAsync("", "plain", Body("x"));

        Assert.Null((await Eventually.GetAsync(Client, "plain")).Offset);
    }
}
