using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>The <c>x-delayed-message</c> exchange, as RabbitMQ's delayed-message plugin defines it.</summary>
public sealed class DelayedMessageTests : NodeTest
{
    private static readonly Dictionary<string, object?> s_direct = new() { ["x-delayed-type"] = "direct" };

    [Fact]
    public async Task Messages_arrive_when_their_delay_has_passed_in_due_order_and_one_without_delay_at_once()
    {
        await Channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: false, autoDelete: false, s_direct);
        await DeclareQueueAsync("jobs");
        await Channel.QueueBindAsync("jobs", "later", "run");
        await using var confirming = await ConfirmingChannelAsync();

        await PublishAsync(confirming, "slow", delayMs: 3000);
        await PublishAsync(confirming, "quick", delayMs: 1500);
        await PublishAsync(confirming, "now", delayMs: null);

        Assert.Equal("now", await NextAsync("jobs"));
        Assert.Equal("quick", await NextAsync("jobs"));
        Assert.Equal("slow", await NextAsync("jobs"));
    }

    [Fact]
    public async Task A_delayed_message_is_confirmed_while_held_and_not_routed_before_its_delay()
    {
        await Channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: false, autoDelete: false, s_direct);
        await DeclareQueueAsync("jobs");
        await Channel.QueueBindAsync("jobs", "later", "run");
        await using var confirming = await ConfirmingChannelAsync();

        // Confirmed long before it is due: the confirm says it is held, not delivered.
        await PublishAsync(confirming, "held", delayMs: 60_000);

        Assert.Empty(await DrainAsync("jobs"));
    }

    [Fact]
    public async Task A_delayed_exchange_routes_as_its_delayed_type()
    {
        await Channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: false, autoDelete: false, new Dictionary<string, object?> { ["x-delayed-type"] = "topic" });
        await DeclareQueueAsync("eu");
        await Channel.QueueBindAsync("eu", "later", "orders.eu.*");
        await using var confirming = await ConfirmingChannelAsync();

        await PublishAsync(confirming, "paris", delayMs: 200, routingKey: "orders.eu.fr");
        await PublishAsync(confirming, "ohio", delayMs: 100, routingKey: "orders.us.oh");

        Assert.Equal("paris", await NextAsync("eu"));
        Assert.Empty(await DrainAsync("eu"));
    }

    [Fact]
    public async Task A_due_message_that_fails_its_queues_schema_is_dead_lettered_with_reason_schema()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "job", """{"type": "object", "required": ["id"]}""");
        await Channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: false, autoDelete: false, s_direct);
        await DeclareQueueAsync("rejects");
        await Channel.QueueBindAsync("rejects", "amq.fanout", "");
        await DeclareQueueAsync("jobs", new Dictionary<string, object?> { ["x-schema"] = "job", ["x-dead-letter-exchange"] = "amq.fanout" });
        await Channel.QueueBindAsync("jobs", "later", "run");
        await using var confirming = await ConfirmingChannelAsync();

        await PublishAsync(confirming, "{}", delayMs: 100);

        var dead = await GetAsync("rejects");
        Assert.Contains("schema 'job'", Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers!["x-schema-error"]!), StringComparison.Ordinal);
        Assert.Empty(await DrainAsync("jobs"));
    }

    [Fact]
    public async Task Declaring_without_a_valid_x_delayed_type_fails_with_the_plugins_error()
    {
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: false, autoDelete: false));

        Assert.Equal(406, refused.ShutdownReason!.ReplyCode);
        Assert.Contains("Invalid argument, 'x-delayed-type' must be an existing exchange type", refused.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    private Task<IChannel> ConfirmingChannelAsync() =>
        Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    private static Task PublishAsync(IChannel channel, string body, int? delayMs, string routingKey = "run")
    {
        var properties = new BasicProperties { Headers = delayMs is { } delay ? new Dictionary<string, object?> { ["x-delay"] = delay } : null };
        return channel.BasicPublishAsync("later", routingKey, true, properties, Encoding.UTF8.GetBytes(body)).AsTask().WaitAsync(BrokerNode.Timeout);
    }

    private async Task<string> NextAsync(string queue) => Encoding.UTF8.GetString((await GetAsync(queue)).Body.Span);
}
