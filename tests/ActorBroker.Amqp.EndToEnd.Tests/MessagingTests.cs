using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class MessagingTests : NodeTest
{
    [Fact]
    public async Task A_message_published_to_a_declared_queue_is_returned_by_basic_get()
    {
        await Channel.QueueDeclareAsync("orders", durable: false, exclusive: false, autoDelete: false);
        var properties = new BasicProperties { MessageId = "m-1", ContentType = "text/plain", Headers = new Dictionary<string, object?> { ["origin"] = "test" } };
        await Channel.BasicPublishAsync("", "orders", false, properties, Encoding.UTF8.GetBytes("hello"));

        var got = await GetAsync("orders", autoAck: true);

        Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));
        Assert.Equal(("m-1", "text/plain"), (got.BasicProperties.MessageId, got.BasicProperties.ContentType));
        Assert.Equal("test", Encoding.UTF8.GetString((byte[])got.BasicProperties.Headers!["origin"]!));
        Assert.Null(await Channel.BasicGetAsync("orders", autoAck: true));
    }

    [Fact]
    public async Task Basic_get_reports_how_many_messages_remain()
    {
        await Channel.QueueDeclareAsync("counted", durable: false, exclusive: false, autoDelete: false);
        for (var i = 0; i < 3; i++)
        {
            await Channel.BasicPublishAsync("", "counted", Encoding.UTF8.GetBytes($"m{i}"));
        }

        var got = await GetAsync("counted", autoAck: true);

        Assert.Equal(2u, got.MessageCount);
    }

    [Fact]
    public async Task An_auto_ack_consumer_receives_messages_in_publish_order()
    {
        await Channel.QueueDeclareAsync("fifo", durable: false, exclusive: false, autoDelete: false);
        var received = new Received(Channel);
        var tag = await Channel.BasicConsumeAsync("fifo", autoAck: true, received.Consumer);
        for (var i = 0; i < 20; i++)
        {
            await Channel.BasicPublishAsync("", "fifo", Encoding.UTF8.GetBytes($"m{i}"));
        }

        for (var i = 0; i < 20; i++)
        {
            var delivery = await received.NextAsync();
            Assert.Equal($"m{i}", Encoding.UTF8.GetString(delivery.Body.Span));
            Assert.Equal(tag, delivery.ConsumerTag);
        }
    }

    [Fact]
    public async Task An_unacked_delivery_is_redelivered_to_anotherChannel_after_itsChannel_closes()
    {
        await Channel.QueueDeclareAsync("work", durable: false, exclusive: false, autoDelete: false);
        await Channel.BasicPublishAsync("", "work", Encoding.UTF8.GetBytes("job"));
        var first = await Connection.CreateChannelAsync();
        var firstReceived = new Received(first);
        await first.BasicConsumeAsync("work", autoAck: false, firstReceived.Consumer);
        Assert.False((await firstReceived.NextAsync()).Redelivered);

        await first.CloseAsync();
        var again = await GetAsync("work", autoAck: false);

        Assert.True(again.Redelivered);
        Assert.Equal("job", Encoding.UTF8.GetString(again.Body.Span));
    }

    [Fact]
    public async Task An_acked_delivery_is_not_delivered_again()
    {
        await Channel.QueueDeclareAsync("acked", durable: false, exclusive: false, autoDelete: false);
        await Channel.BasicPublishAsync("", "acked", Encoding.UTF8.GetBytes("once"));
        var got = await GetAsync("acked", autoAck: false);

        await Channel.BasicAckAsync(got.DeliveryTag, multiple: false);
        await Channel.CloseAsync();
        var other = await Connection.CreateChannelAsync();

        Assert.Null(await other.BasicGetAsync("acked", autoAck: true));
    }

    [Fact]
    public async Task Prefetch_holds_back_deliveries_until_earlier_ones_are_acked()
    {
        await Channel.QueueDeclareAsync("limited", durable: false, exclusive: false, autoDelete: false);
        await Channel.BasicQosAsync(0, 2, global: false);
        for (var i = 0; i < 5; i++)
        {
            await Channel.BasicPublishAsync("", "limited", Encoding.UTF8.GetBytes($"m{i}"));
        }

        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("limited", autoAck: false, received.Consumer);
        await received.NextAsync();
        var second = await received.NextAsync();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));

        await Channel.BasicAckAsync(second.DeliveryTag, multiple: true);

        Assert.Equal("m2", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
        Assert.Equal("m3", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task Nack_with_requeue_redelivers_the_message_flagged_as_redelivered()
    {
        await Channel.QueueDeclareAsync("retry", durable: false, exclusive: false, autoDelete: false);
        await Channel.BasicPublishAsync("", "retry", Encoding.UTF8.GetBytes("again"));
        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("retry", autoAck: false, received.Consumer);
        var first = await received.NextAsync();

        await Channel.BasicNackAsync(first.DeliveryTag, multiple: false, requeue: true);
        var second = await received.NextAsync();

        Assert.False(first.Redelivered);
        Assert.True(second.Redelivered);
        Assert.Equal("again", Encoding.UTF8.GetString(second.Body.Span));
    }

    [Fact]
    public async Task A_rejected_message_goes_to_the_dead_letter_exchange()
    {
        await Channel.ExchangeDeclareAsync("dlx", ExchangeType.Fanout, durable: false);
        await Channel.QueueDeclareAsync("dead", durable: false, exclusive: false, autoDelete: false);
        await Channel.QueueBindAsync("dead", "dlx", "");
        var arguments = new Dictionary<string, object?> { ["x-dead-letter-exchange"] = "dlx" };
        await Channel.QueueDeclareAsync("live", durable: false, exclusive: false, autoDelete: false, arguments);
        await Channel.BasicPublishAsync("", "live", Encoding.UTF8.GetBytes("poison"));
        var got = await GetAsync("live", autoAck: false);

        await Channel.BasicRejectAsync(got.DeliveryTag, requeue: false);
        var dead = await GetAsync("dead", autoAck: true);

        Assert.Equal("poison", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.True(dead.BasicProperties.Headers!.ContainsKey("x-death"));
    }

    [Fact]
    public async Task A_message_ttl_argument_expires_messages_to_the_dead_letter_queue()
    {
        await Channel.QueueDeclareAsync("expired", durable: false, exclusive: false, autoDelete: false);
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = 50,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = "expired",
        };
        await Channel.QueueDeclareAsync("short-lived", durable: false, exclusive: false, autoDelete: false, arguments);
        await Channel.BasicPublishAsync("", "short-lived", Encoding.UTF8.GetBytes("stale"));

        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("expired", autoAck: true, received.Consumer);

        Assert.Equal("stale", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task Deleting_a_queue_cancels_its_consumers_from_the_server()
    {
        await Channel.QueueDeclareAsync("doomed", durable: false, exclusive: false, autoDelete: false);
        var consumer = new AsyncEventingBasicConsumer(Channel);
        var cancelled = new TaskCompletionSource<string>();
        consumer.UnregisteredAsync += (_, e) =>
        {
            cancelled.TrySetResult(e.ConsumerTags[0]);
            return Task.CompletedTask;
        };
        var tag = await Channel.BasicConsumeAsync("doomed", autoAck: true, consumer);

        var other = await Connection.CreateChannelAsync();
        await other.QueueDeleteAsync("doomed");

        Assert.Equal(tag, await cancelled.Task.WaitAsync(BrokerNode.Timeout));
    }

    [Fact]
    public async Task A_server_named_queue_gets_a_generated_name()
    {
        var declared = await Channel.QueueDeclareAsync();

        Assert.StartsWith("amq.gen-", declared.QueueName, StringComparison.Ordinal);
        Assert.Equal(0u, declared.MessageCount);
    }

    [Fact]
    public async Task Purge_removes_ready_messages_and_reports_how_many()
    {
        await Channel.QueueDeclareAsync("purged", durable: false, exclusive: false, autoDelete: false);
        await Channel.BasicPublishAsync("", "purged", Encoding.UTF8.GetBytes("a"));
        await Channel.BasicPublishAsync("", "purged", Encoding.UTF8.GetBytes("b"));
        await GetAsync("purged", autoAck: false);

        var purged = await Channel.QueuePurgeAsync("purged");

        Assert.Equal(1u, purged);
    }

    [Fact]
    public async Task A_large_body_round_trips_through_a_client_that_negotiated_a_small_frame_max()
    {
        var factory = Node.Factory();
        factory.RequestedFrameMax = 4096;
        await using var small = await factory.CreateConnectionAsync().WaitAsync(BrokerNode.Timeout);
        await using var channel = await small.CreateChannelAsync();
        await DeclareQueueAsync(channel, "large");
        var body = new byte[100_000];
        new Random(7).NextBytes(body);
        var received = new Received(channel);
        await channel.BasicConsumeAsync("large", autoAck: true, received.Consumer);

        await channel.BasicPublishAsync("", "large", body);

        Assert.Equal(body, (await received.NextAsync()).Body.ToArray());
    }
}
