namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>
/// What Celery 5.5 sends with <c>task_default_queue_type = 'quorum'</c>, replayed through RabbitMQ.Client (Debian's
/// python3-celery is 5.2, older than quorum support): its task queue, and the 28 levels of native delayed delivery
/// (kombu's <c>native_delayed_delivery</c>) that carry countdown and ETA tasks through quorum queues with TTLs and
/// at-least-once dead-lettering.
/// </summary>
public sealed class CeleryQuorumSequenceTests : NodeTest
{
    private const int Levels = 28;
    private const string DeliveryExchange = "celery_delayed_delivery";

    private static string Level(int level) => $"celery_delayed_{level}";

    /// <summary>kombu's routing key for a countdown: its 28 bits, most significant first, then the task's routing key.</summary>
    private static string DelayedRoutingKey(int countdownSeconds, string routingKey) =>
        string.Join('.', Convert.ToString(countdownSeconds, 2).PadLeft(Levels, '0').ToCharArray()) + "." + routingKey;

    private async Task DeclareDelayedDeliveryAsync()
    {
        var routingKey = "1.#";
        for (var level = Levels - 1; level >= 0; level--)
        {
            await Channel.ExchangeDeclareAsync(Level(level), ExchangeType.Topic, durable: true);
            var arguments = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-overflow"] = "reject-publish",
                ["x-message-ttl"] = (1L << level) * 1000,
                ["x-dead-letter-exchange"] = level > 0 ? Level(level - 1) : DeliveryExchange,
                ["x-dead-letter-strategy"] = "at-least-once",
            };
            await Channel.QueueDeclareAsync(Level(level), durable: true, exclusive: false, autoDelete: false, arguments);
            await Channel.QueueBindAsync(Level(level), Level(level), routingKey);
            routingKey = "*." + routingKey;
        }

        routingKey = "0.#";
        for (var level = Levels - 1; level > 0; level--)
        {
            await Channel.ExchangeBindAsync(destination: Level(level - 1), source: Level(level), routingKey);
            routingKey = "*." + routingKey;
        }

        await Channel.ExchangeDeclareAsync(DeliveryExchange, ExchangeType.Topic, durable: true);
        await Channel.ExchangeBindAsync(destination: DeliveryExchange, source: Level(0), routingKey);
    }

    [Fact]
    public async Task A_countdown_task_travels_the_quorum_delay_levels_and_reaches_the_quorum_task_queue()
    {
        await Channel.ExchangeDeclareAsync("celery", ExchangeType.Topic, durable: true);
        await Channel.QueueDeclareAsync("celery", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await Channel.QueueBindAsync("celery", "celery", "celery");
        await DeclareDelayedDeliveryAsync();
        await Channel.ExchangeBindAsync(destination: "celery", source: DeliveryExchange, "#.celery");
        await Channel.QueueBindAsync("celery", "celery", "#.celery");
        // Quorum queues take no global prefetch: Celery 5.5 sets it per consumer.
        await Channel.BasicQosAsync(0, 4, global: false);
        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("celery", autoAck: false, received.Consumer);

        var properties = new BasicProperties { Persistent = true, ContentType = "application/json", Headers = new Dictionary<string, object?> { ["task"] = "tasks.add", ["countdown"] = 1 } };
        await Channel.BasicPublishAsync(Level(Levels - 1), DelayedRoutingKey(1, "celery"), false, properties, Encoding.UTF8.GetBytes("[[2, 2], {}, {}]"));
        await Channel.BasicPublishAsync("celery", "celery", false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("now"));

        var first = await received.NextAsync();
        var delayed = await received.NextAsync();
        await Channel.BasicAckAsync(delayed.DeliveryTag, multiple: true);

        Assert.Equal("now", Encoding.UTF8.GetString(first.Body.Span));
        Assert.Equal("[[2, 2], {}, {}]", Encoding.UTF8.GetString(delayed.Body.Span));
        Assert.Equal(DelayedRoutingKey(1, "celery"), delayed.RoutingKey);
        Assert.Equal(1, Assert.IsType<int>(delayed.BasicProperties.Headers!["countdown"]));
        var death = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(delayed.BasicProperties.Headers["x-death"])));
        Assert.Equal(Level(0), Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["queue"])));
        Assert.Equal("expired", Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["reason"])));
    }
}
