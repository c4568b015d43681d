using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Message contracts: queues and exchanges that name a schema of the virtual host's registry.</summary>
public sealed class SchemaTests : NodeTest
{
    private const string OrderSchema = """
        {
          "type": "object",
          "properties": { "id": { "type": "integer" }, "item": { "type": "string" } },
          "required": ["id", "item"]
        }
        """;

    private static readonly Dictionary<string, object?> s_orders = new() { ["x-schema"] = "order" };

    [Fact]
    public async Task A_message_that_satisfies_the_queue_schema_is_confirmed_and_delivered()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await DeclareQueueAsync("orders", s_orders);
        await using var confirming = await ConfirmingChannelAsync();

        await confirming.BasicPublishAsync("", "orders", Json("""{"id": 1, "item": "book"}""")).AsTask().WaitAsync(BrokerNode.Timeout);

        Assert.Equal(["""{"id": 1, "item": "book"}"""], await DrainAsync("orders"));
    }

    [Fact]
    public async Task A_message_that_fails_the_queue_schema_is_nacked_and_dead_lettered_with_reason_schema_and_the_error()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await DeclareQueueAsync("rejects");
        await Channel.QueueBindAsync("rejects", "amq.fanout", "");
        await DeclareQueueAsync("orders", new Dictionary<string, object?> { ["x-schema"] = "order", ["x-dead-letter-exchange"] = "amq.fanout" });
        await using var confirming = await ConfirmingChannelAsync();

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "orders", Json("""{"id": "one"}""")).AsTask().WaitAsync(BrokerNode.Timeout));

        var dead = await GetAsync("rejects");
        var headers = dead.BasicProperties.Headers!;
        var death = (Dictionary<string, object?>)((List<object?>)headers["x-death"]!)[0]!;
        Assert.Equal("schema", Encoding.UTF8.GetString((byte[])death["reason"]!));
        Assert.Equal("orders", Encoding.UTF8.GetString((byte[])death["queue"]!));
        var error = Encoding.UTF8.GetString((byte[])headers["x-schema-error"]!);
        Assert.Contains("schema 'order' version 1", error, StringComparison.Ordinal);
        Assert.Contains("/id", error, StringComparison.Ordinal);
        Assert.Empty(await DrainAsync("orders"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_fails_with_a_reason_that_says_so()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await DeclareQueueAsync("rejects");
        await Channel.QueueBindAsync("rejects", "amq.fanout", "");
        await DeclareQueueAsync("orders", new Dictionary<string, object?> { ["x-schema"] = "order", ["x-dead-letter-exchange"] = "amq.fanout" });
        await using var confirming = await ConfirmingChannelAsync();

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "orders", Encoding.UTF8.GetBytes("<order id='1'/>")).AsTask().WaitAsync(BrokerNode.Timeout));

        var error = Encoding.UTF8.GetString((byte[])(await GetAsync("rejects")).BasicProperties.Headers!["x-schema-error"]!);
        Assert.StartsWith("the body is not JSON, as schema 'order' requires", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_queue_whose_schema_fails_refuses_a_message_routed_to_several()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await DeclareQueueAsync("checked", s_orders);
        await DeclareQueueAsync("audit");
        await Channel.QueueBindAsync("checked", "amq.fanout", "");
        await Channel.QueueBindAsync("audit", "amq.fanout", "");
        await using var confirming = await ConfirmingChannelAsync();

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("amq.fanout", "", Json("{}")).AsTask().WaitAsync(BrokerNode.Timeout));

        Assert.Equal(["{}"], await DrainAsync("audit"));
        Assert.Empty(await DrainAsync("checked"));
    }

    [Fact]
    public async Task An_exchange_schema_refuses_a_failing_message_before_it_reaches_any_queue()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await Channel.ExchangeDeclareAsync("orders-in", "fanout", durable: false, autoDelete: false, s_orders);
        await DeclareQueueAsync("orders");
        await Channel.QueueBindAsync("orders", "orders-in", "");
        await using var confirming = await ConfirmingChannelAsync();

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("orders-in", "", Json("""{"id": 2}""")).AsTask().WaitAsync(BrokerNode.Timeout));
        await confirming.BasicPublishAsync("orders-in", "", Json("""{"id": 3, "item": "pen"}""")).AsTask().WaitAsync(BrokerNode.Timeout);

        Assert.Equal(["""{"id": 3, "item": "pen"}"""], await DrainAsync("orders"));
    }

    [Fact]
    public async Task A_policy_schema_key_applies_to_queues_declared_without_x_schema()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await Node.Broker.Policies.SetAsync("/", new Broker.Policies.Policy("contracts", "^orders$", Broker.Policies.PolicyTarget.Queues, 0,
            new Broker.Messages.Headers { ["schema"] = Broker.Messages.FieldValue.From("order") }));
        await DeclareQueueAsync("orders");
        await using var confirming = await ConfirmingChannelAsync();

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "orders", Json("[]")).AsTask().WaitAsync(BrokerNode.Timeout));
    }

    [Fact]
    public async Task A_new_version_applies_to_the_next_publish()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await DeclareQueueAsync("orders", s_orders);
        await using var confirming = await ConfirmingChannelAsync();
        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "orders", Json("""{"id": 4}""")).AsTask().WaitAsync(BrokerNode.Timeout));

        var (relaxed, created) = await Node.Broker.Schemas.RegisterAsync("/", "order", """{"type": "object", "required": ["id"]}""");
        await confirming.BasicPublishAsync("", "orders", Json("""{"id": 4}""")).AsTask().WaitAsync(BrokerNode.Timeout);

        Assert.Equal((2, true), (relaxed.Version, created));
        Assert.Equal(["""{"id": 4}"""], await DrainAsync("orders"));
    }

    [Fact]
    public async Task Declaring_a_queue_with_an_unregistered_schema_fails_with_precondition_failed()
    {
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => DeclareQueueAsync("orders", s_orders));

        Assert.Equal(406, refused.ShutdownReason!.ReplyCode);
        Assert.Contains("x-schema 'order'", refused.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_whose_schema_was_deleted_refuses_every_message()
    {
        await Node.Broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        await DeclareQueueAsync("orders", s_orders);
        Assert.True(await Node.Broker.Schemas.DeleteAsync("/", "order"));
        await using var confirming = await ConfirmingChannelAsync();

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "orders", Json("""{"id": 5, "item": "cup"}""")).AsTask().WaitAsync(BrokerNode.Timeout));
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private Task<IChannel> ConfirmingChannelAsync() =>
        Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
}
