using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class MessagingTests : IAsyncLifetime
{
    private readonly BrokerNode _node = new();
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    public async Task InitializeAsync()
    {
        await _node.InitializeAsync();
        _connection = await _node.ConnectAsync();
        _channel = await _connection.CreateChannelAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_message_published_to_a_declared_queue_is_returned_by_basic_get()
    {
        await _channel.QueueDeclareAsync("orders", durable: false, exclusive: false, autoDelete: false);
        var properties = new BasicProperties { MessageId = "m-1", ContentType = "text/plain", Headers = new Dictionary<string, object?> { ["origin"] = "test" } };
        await _channel.BasicPublishAsync("", "orders", false, properties, Encoding.UTF8.GetBytes("hello"));

        var got = await GetAsync("orders", autoAck: true);

        Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));
        Assert.Equal(("m-1", "text/plain"), (got.BasicProperties.MessageId, got.BasicProperties.ContentType));
        Assert.Equal("test", Encoding.UTF8.GetString((byte[])got.BasicProperties.Headers!["origin"]!));
        Assert.Null(await _channel.BasicGetAsync("orders", autoAck: true));
    }

    [Fact]
    public async Task Basic_get_reports_how_many_messages_remain()
    {
        await _channel.QueueDeclareAsync("counted", durable: false, exclusive: false, autoDelete: false);
        for (var i = 0; i < 3; i++)
        {
            await _channel.BasicPublishAsync("", "counted", Encoding.UTF8.GetBytes($"m{i}"));
        }

        var got = await GetAsync("counted", autoAck: true);

        Assert.Equal(2u, got.MessageCount);
    }

    [Fact]
    public async Task An_auto_ack_consumer_receives_messages_in_publish_order()
    {
        await _channel.QueueDeclareAsync("fifo", durable: false, exclusive: false, autoDelete: false);
        var received = new Received(_channel);
        var tag = await _channel.BasicConsumeAsync("fifo", autoAck: true, received.Consumer);
        for (var i = 0; i < 20; i++)
        {
            await _channel.BasicPublishAsync("", "fifo", Encoding.UTF8.GetBytes($"m{i}"));
        }

        for (var i = 0; i < 20; i++)
        {
            var delivery = await received.NextAsync();
            Assert.Equal($"m{i}", Encoding.UTF8.GetString(delivery.Body.Span));
            Assert.Equal(tag, delivery.ConsumerTag);
        }
    }

    [Fact]
    public async Task An_unacked_delivery_is_redelivered_to_another_channel_after_its_channel_closes()
    {
        await _channel.QueueDeclareAsync("work", durable: false, exclusive: false, autoDelete: false);
        await _channel.BasicPublishAsync("", "work", Encoding.UTF8.GetBytes("job"));
        var first = await _connection.CreateChannelAsync();
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
        await _channel.QueueDeclareAsync("acked", durable: false, exclusive: false, autoDelete: false);
        await _channel.BasicPublishAsync("", "acked", Encoding.UTF8.GetBytes("once"));
        var got = await GetAsync("acked", autoAck: false);

        await _channel.BasicAckAsync(got.DeliveryTag, multiple: false);
        await _channel.CloseAsync();
        var other = await _connection.CreateChannelAsync();

        Assert.Null(await other.BasicGetAsync("acked", autoAck: true));
    }

    [Fact]
    public async Task Prefetch_holds_back_deliveries_until_earlier_ones_are_acked()
    {
        await _channel.QueueDeclareAsync("limited", durable: false, exclusive: false, autoDelete: false);
        await _channel.BasicQosAsync(0, 2, global: false);
        for (var i = 0; i < 5; i++)
        {
            await _channel.BasicPublishAsync("", "limited", Encoding.UTF8.GetBytes($"m{i}"));
        }

        var received = new Received(_channel);
        await _channel.BasicConsumeAsync("limited", autoAck: false, received.Consumer);
        await received.NextAsync();
        var second = await received.NextAsync();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));

        await _channel.BasicAckAsync(second.DeliveryTag, multiple: true);

        Assert.Equal("m2", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
        Assert.Equal("m3", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task Nack_with_requeue_redelivers_the_message_flagged_as_redelivered()
    {
        await _channel.QueueDeclareAsync("retry", durable: false, exclusive: false, autoDelete: false);
        await _channel.BasicPublishAsync("", "retry", Encoding.UTF8.GetBytes("again"));
        var received = new Received(_channel);
        await _channel.BasicConsumeAsync("retry", autoAck: false, received.Consumer);
        var first = await received.NextAsync();

        await _channel.BasicNackAsync(first.DeliveryTag, multiple: false, requeue: true);
        var second = await received.NextAsync();

        Assert.False(first.Redelivered);
        Assert.True(second.Redelivered);
        Assert.Equal("again", Encoding.UTF8.GetString(second.Body.Span));
    }

    [Fact]
    public async Task A_rejected_message_goes_to_the_dead_letter_exchange()
    {
        await _channel.ExchangeDeclareAsync("dlx", ExchangeType.Fanout, durable: false);
        await _channel.QueueDeclareAsync("dead", durable: false, exclusive: false, autoDelete: false);
        await _channel.QueueBindAsync("dead", "dlx", "");
        var arguments = new Dictionary<string, object?> { ["x-dead-letter-exchange"] = "dlx" };
        await _channel.QueueDeclareAsync("live", durable: false, exclusive: false, autoDelete: false, arguments);
        await _channel.BasicPublishAsync("", "live", Encoding.UTF8.GetBytes("poison"));
        var got = await GetAsync("live", autoAck: false);

        await _channel.BasicRejectAsync(got.DeliveryTag, requeue: false);
        var dead = await GetAsync("dead", autoAck: true);

        Assert.Equal("poison", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.True(dead.BasicProperties.Headers!.ContainsKey("x-death"));
    }

    [Fact]
    public async Task A_message_ttl_argument_expires_messages_to_the_dead_letter_queue()
    {
        await _channel.QueueDeclareAsync("expired", durable: false, exclusive: false, autoDelete: false);
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = 50,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = "expired",
        };
        await _channel.QueueDeclareAsync("short-lived", durable: false, exclusive: false, autoDelete: false, arguments);
        await _channel.BasicPublishAsync("", "short-lived", Encoding.UTF8.GetBytes("stale"));

        var received = new Received(_channel);
        await _channel.BasicConsumeAsync("expired", autoAck: true, received.Consumer);

        Assert.Equal("stale", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task Deleting_a_queue_cancels_its_consumers_from_the_server()
    {
        await _channel.QueueDeclareAsync("doomed", durable: false, exclusive: false, autoDelete: false);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        var cancelled = new TaskCompletionSource<string>();
        consumer.UnregisteredAsync += (_, e) =>
        {
            cancelled.TrySetResult(e.ConsumerTags[0]);
            return Task.CompletedTask;
        };
        var tag = await _channel.BasicConsumeAsync("doomed", autoAck: true, consumer);

        var other = await _connection.CreateChannelAsync();
        await other.QueueDeleteAsync("doomed");

        Assert.Equal(tag, await cancelled.Task.WaitAsync(BrokerNode.Timeout));
    }

    [Fact]
    public async Task A_server_named_queue_gets_a_generated_name()
    {
        var declared = await _channel.QueueDeclareAsync();

        Assert.StartsWith("amq.gen-", declared.QueueName, StringComparison.Ordinal);
        Assert.Equal(0u, declared.MessageCount);
    }

    [Fact]
    public async Task Purge_removes_ready_messages_and_reports_how_many()
    {
        await _channel.QueueDeclareAsync("purged", durable: false, exclusive: false, autoDelete: false);
        await _channel.BasicPublishAsync("", "purged", Encoding.UTF8.GetBytes("a"));
        await _channel.BasicPublishAsync("", "purged", Encoding.UTF8.GetBytes("b"));
        await GetAsync("purged", autoAck: false);

        var purged = await _channel.QueuePurgeAsync("purged");

        Assert.Equal(1u, purged);
    }

    private async Task<BasicGetResult> GetAsync(string queue, bool autoAck)
    {
        // A publish is asynchronous: poll basic.get (each poll a round trip) until the message is there.
        var deadline = DateTime.UtcNow + BrokerNode.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await _channel.BasicGetAsync(queue, autoAck) is { } result)
            {
                return result;
            }
        }

        throw new TimeoutException($"No message arrived in '{queue}'.");
    }
}
