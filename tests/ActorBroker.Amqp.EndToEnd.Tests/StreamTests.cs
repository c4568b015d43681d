using ActorBroker.Broker.Client;
using ActorBroker.Tests.Shared;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Streams over AMQP as RabbitMQ 3.10's clients use them: offsets, the offset header, refusals, retention.</summary>
public sealed class StreamTests() : NodeTest(s_options)
{
    private static readonly ManualClock s_clock = new();

    // A small in-memory tail, so that reading from the start goes to the journal.
    private static readonly BrokerOptions s_options = BrokerOptions.Default with { Clock = s_clock, QueueInMemoryMessages = 4 };

    private static readonly string[] s_ten = [.. Enumerable.Range(0, 10).Select(i => $"m{i}")];

    private async Task<IChannel> ConfirmingChannelAsync() =>
        await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    private async Task PublishTenAsync(string stream)
    {
        await StreamClient.DeclareAsync(Channel, stream);
        await using var publisher = await ConfirmingChannelAsync();
        await StreamClient.PublishAsync(publisher, stream, s_ten);
    }

    [Theory]
    [InlineData(false, false, false, "invalid property 'non-durable' for queue 's' in vhost '/'")]
    [InlineData(true, true, false, "invalid property 'exclusive-owner' for queue 's' in vhost '/'")]
    [InlineData(true, false, true, "invalid property 'auto-delete' for queue 's' in vhost '/'")]
    public async Task A_stream_that_is_not_durable_or_is_exclusive_or_auto_delete_is_refused_with_406(bool durable, bool exclusive, bool autoDelete, string expected)
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => Channel.QueueDeclareAsync("s", durable, exclusive, autoDelete, StreamClient.Arguments()));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains(expected, error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-message-ttl", 1000)]
    [InlineData("x-max-priority", 5)]
    [InlineData("x-overflow", "reject-publish")]
    public async Task Arguments_RabbitMQ_refuses_on_a_stream_are_refused_with_406(string argument, object value)
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => StreamClient.DeclareAsync(Channel, "s", (argument, value)));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains($"invalid arg '{argument}' for queue 's' in vhost '/'", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_max_age_is_refused_with_406_and_says_what_an_age_looks_like()
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => StreamClient.DeclareAsync(Channel, "s", ("x-max-age", "ten minutes")));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("7D, 12h, 30m or 10s", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmed_messages_are_read_from_first_by_two_consumers_each_with_its_offset_header_and_stay_in_the_stream()
    {
        await PublishTenAsync("events");

        var first = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", "first"), 10);
        var second = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", "first"), 10);

        var expected = Enumerable.Range(0, 10).Select(i => ((long)i, $"m{i}")).ToList();
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Equal(10u, (await Channel.QueueDeclarePassiveAsync("events")).MessageCount);
    }

    [Fact]
    public async Task An_absolute_offset_starts_there_and_one_below_the_start_starts_at_the_first_message()
    {
        await PublishTenAsync("events");

        var fromSix = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", 6L), 4);
        var fromBelow = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", -5L), 1);

        Assert.Equal([6L, 7, 8, 9], fromSix.Select(d => d.Offset));
        Assert.Equal((0L, "m0"), fromBelow[0]);
    }

    [Fact]
    public async Task Last_starts_at_the_newest_message_and_next_and_no_offset_wait_for_new_ones()
    {
        await PublishTenAsync("events");
        var last = await StreamClient.ConsumeAsync(Connection, "events", "last");
        var next = await StreamClient.ConsumeAsync(Connection, "events", "next");
        var byDefault = await StreamClient.ConsumeAsync(Connection, "events", null);
        Assert.Equal([(9L, "m9")], await StreamClient.TakeAsync(last, 1));

        await using var publisher = await ConfirmingChannelAsync();
        await StreamClient.PublishAsync(publisher, "events", "new");

        Assert.Equal([(10L, "new")], await StreamClient.TakeAsync(next, 1));
        Assert.Equal([(10L, "new")], await StreamClient.TakeAsync(byDefault, 1));
        Assert.Equal([(10L, "new")], await StreamClient.TakeAsync(last, 1));
    }

    [Fact]
    public async Task A_timestamp_or_an_age_starts_at_the_first_message_written_at_or_after_it()
    {
        await StreamClient.DeclareAsync(Channel, "events");
        await using var publisher = await ConfirmingChannelAsync();
        await StreamClient.PublishAsync(publisher, "events", "old-1", "old-2");
        s_clock.Advance(TimeSpan.FromMinutes(10));
        var boundary = s_clock.GetUtcNow();
        await StreamClient.PublishAsync(publisher, "events", "new-1", "new-2");
        s_clock.Advance(TimeSpan.FromMinutes(1));

        var byTimestamp = await StreamClient.ConsumeAsync(Connection, "events", new AmqpTimestamp(boundary.ToUnixTimeSeconds()));
        var byAge = await StreamClient.ConsumeAsync(Connection, "events", "2m");

        Assert.Equal([(2L, "new-1"), (3L, "new-2")], await StreamClient.TakeAsync(byTimestamp, 2));
        Assert.Equal([(2L, "new-1"), (3L, "new-2")], await StreamClient.TakeAsync(byAge, 2));
    }

    [Fact]
    public async Task A_consumer_gets_no_more_than_its_prefetch_until_it_acks()
    {
        await PublishTenAsync("events");
        var received = await StreamClient.ConsumeAsync(Connection, "events", "first", prefetch: 3);
        var held = new List<RabbitMQ.Client.Events.BasicDeliverEventArgs>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await received.NextAsync());
        }

        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
        await received.Consumer.Channel!.BasicAckAsync(held[^1].DeliveryTag, multiple: true);

        Assert.Equal([3L, 4, 5], (await StreamClient.TakeAsync(received, 3)).Select(d => d.Offset));
    }

    [Fact]
    public async Task An_auto_ack_consumer_is_refused_with_540_as_RabbitMQ_does()
    {
        await StreamClient.DeclareAsync(Channel, "events");
        var consumer = new Received(Channel).Consumer;

        var error = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() => Channel.BasicConsumeAsync("events", autoAck: true, consumer));

        Assert.Equal(540, error.ShutdownReason!.ReplyCode);
        Assert.Contains("automatic acknowledgement not supported by stream queues queue 'events' in vhost '/'", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_get_on_a_stream_is_refused_with_540()
    {
        await StreamClient.DeclareAsync(Channel, "events");

        var error = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() => Channel.BasicGetAsync("events", autoAck: false));

        Assert.Equal(540, error.ShutdownReason!.ReplyCode);
        Assert.Contains("basic.get not supported by stream queues", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_without_a_prefetch_is_refused_with_406()
    {
        await StreamClient.DeclareAsync(Channel, "events");

        var error = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() => Channel.BasicConsumeAsync("events", autoAck: false, new Received(Channel).Consumer));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("consumer prefetch count is not set for 'queue 'events' in vhost '/''", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offset_that_is_not_one_is_refused_with_406()
    {
        await StreamClient.DeclareAsync(Channel, "events");

        var error = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() => StreamClient.ConsumeAsync(Connection, "events", "middle"));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("invalid arg 'x-stream-offset'", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_length_bytes_drops_whole_segments_from_the_front()
    {
        // Ten-byte bodies, three to a 30-byte segment, at most 100 bytes: the oldest segments go as new ones open.
        await StreamClient.DeclareAsync(Channel, "events", ("x-max-length-bytes", 100L), ("x-stream-max-segment-size-bytes", 30L));
        await using var publisher = await ConfirmingChannelAsync();
        await StreamClient.PublishAsync(publisher, "events", [.. Enumerable.Range(0, 20).Select(i => $"message-{i:D2}")]);

        var kept = (int)(await Channel.QueueDeclarePassiveAsync("events")).MessageCount;
        var read = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", "first"), kept);

        Assert.InRange(kept, 8, 12);
        Assert.Equal(0, read[0].Offset % 3);
        Assert.Equal(Enumerable.Range(20 - kept, kept).Select(i => ((long)i, $"message-{i:D2}")), read);
    }

    [Fact]
    public async Task Max_age_drops_the_segments_whose_newest_message_is_older()
    {
        await StreamClient.DeclareAsync(Channel, "events", ("x-max-age", "10s"), ("x-stream-max-segment-size-bytes", 6L));
        await using var publisher = await ConfirmingChannelAsync();
        await StreamClient.PublishAsync(publisher, "events", "old-01", "old-02", "old-03");
        s_clock.Advance(TimeSpan.FromSeconds(11));
        await StreamClient.PublishAsync(publisher, "events", "new-01");

        var read = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", "first"), 1);

        Assert.Equal([(3L, "new-01")], read);
        Assert.Equal(1u, (await Channel.QueueDeclarePassiveAsync("events")).MessageCount);
    }

    [Fact]
    public async Task A_deleted_and_redeclared_stream_starts_empty_at_offset_zero()
    {
        await PublishTenAsync("events");
        await Channel.QueueDeleteAsync("events");
        await PublishTenAsync("events");

        var read = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, "events", "first"), 10);

        Assert.Equal(0, read[0].Offset);
        Assert.Equal(10u, (await Channel.QueueDeclarePassiveAsync("events")).MessageCount);
    }

    [Fact]
    public async Task A_transaction_that_acks_a_stream_delivery_commits_its_outputs()
    {
        await StreamClient.DeclareAsync(Channel, "events");
        await DeclareQueueAsync("derived");
        await using (var publisher = await ConfirmingChannelAsync())
        {
            await StreamClient.PublishAsync(publisher, "events", "e0");
        }

        await using var worker = await Connection.CreateChannelAsync();
        await worker.BasicQosAsync(0, 10, false);
        await worker.TxSelectAsync();
        var received = new Received(worker);
        await worker.BasicConsumeAsync("events", autoAck: false, "", noLocal: false, exclusive: false, new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, received.Consumer);
        var delivery = await received.NextAsync();

        await worker.BasicPublishAsync("", "derived", Encoding.UTF8.GetBytes("e0, derived"));
        await worker.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        await worker.TxCommitAsync().WaitAsync(BrokerNode.Timeout);

        Assert.Equal(["e0, derived"], await DrainAsync("derived"));
    }

    [Fact]
    public async Task A_transaction_that_acks_a_stream_delivery_and_a_queue_delivery_commits_both_and_its_output()
    {
        await StreamClient.DeclareAsync(Channel, "events");
        await DeclareQueueAsync("orders");
        await DeclareQueueAsync("derived");
        await using (var publisher = await ConfirmingChannelAsync())
        {
            await StreamClient.PublishAsync(publisher, "events", "e0");
        }

        await Channel.BasicPublishAsync("", "orders", Encoding.UTF8.GetBytes("o0"));
        await using var worker = await Connection.CreateChannelAsync();
        await worker.BasicQosAsync(0, 10, false);
        await worker.TxSelectAsync();
        var received = new Received(worker);
        await worker.BasicConsumeAsync("events", autoAck: false, "", noLocal: false, exclusive: false, new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, received.Consumer);
        var delivery = await received.NextAsync();
        var order = await worker.BasicGetAsync("orders", autoAck: false) ?? throw new InvalidOperationException("Queue 'orders' is empty.");

        await worker.BasicPublishAsync("", "derived", Encoding.UTF8.GetBytes("e0 + o0"));
        await worker.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        await worker.BasicAckAsync(order.DeliveryTag, multiple: false);
        await worker.TxCommitAsync().WaitAsync(BrokerNode.Timeout);
        await worker.CloseAsync();

        Assert.Equal(["e0 + o0"], await DrainAsync("derived"));
        Assert.Empty(await DrainAsync("orders"));
    }
}
