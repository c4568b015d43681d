using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class DurabilityTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("actorbroker-e2e-");

    [Fact]
    public async Task A_confirmed_persistent_message_in_a_durable_queue_survives_a_node_restart()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false);
            var properties = new BasicProperties { Persistent = true, MessageId = "m-1" };
            await channel.BasicPublishAsync("", "kept", true, properties, Encoding.UTF8.GetBytes("on disk")).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var got = await channel.BasicGetAsync("kept", autoAck: true);

            Assert.NotNull(got);
            Assert.Equal(("on disk", "m-1"), (Encoding.UTF8.GetString(got.Body.Span), got.BasicProperties.MessageId));
        }
    }

    [Fact]
    public async Task Registered_schemas_keep_their_versions_across_a_restart_and_still_guard_their_queue()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await node.Broker.Schemas.RegisterAsync("/", "order", """{"type": "object"}""");
            await node.Broker.Schemas.RegisterAsync("/", "order", """{"type": "object", "required": ["id"]}""");
            await node.Broker.Schemas.RegisterAsync("/", "gone", "true");
            await node.Broker.Schemas.DeleteAsync("/", "gone");
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclareAsync("orders", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-schema"] = "order" });
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            var schemas = await restarted.Broker.Schemas.ListAsync("/");
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

            await Assert.ThrowsAsync<PublishException>(() => channel.BasicPublishAsync("", "orders", Encoding.UTF8.GetBytes("{}")).AsTask().WaitAsync(BrokerNode.Timeout));
            var versions = Assert.Single(schemas);
            Assert.Equal([("order", 1), ("order", 2)], versions.Select(v => (v.Name, v.Version)));
            Assert.Equal("""{"type":"object","required":["id"]}""", versions[1].Document);
        }
    }

    [Fact]
    public async Task Confirmed_delayed_messages_survive_a_restart_and_arrive_in_due_order_after_it()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        var arguments = new Dictionary<string, object?> { ["x-delayed-type"] = "fanout" };
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: true, autoDelete: false, arguments);
            await channel.QueueDeclareAsync("jobs", durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync("jobs", "later", "");
            foreach (var (body, delay) in new[] { ("second", 4500), ("first", 4000) })
            {
                var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["x-delay"] = delay } };
                await channel.BasicPublishAsync("later", "", true, properties, Encoding.UTF8.GetBytes(body)).AsTask().WaitAsync(BrokerNode.Timeout);
            }
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var arrived = new List<string>();
            var deadline = DateTime.UtcNow + BrokerNode.Timeout;
            while (arrived.Count < 2 && DateTime.UtcNow < deadline)
            {
                if (await channel.BasicGetAsync("jobs", autoAck: true) is { } got)
                {
                    arrived.Add(Encoding.UTF8.GetString(got.Body.Span));
                }
            }

            Assert.Equal(["first", "second"], arrived);
        }
    }

    [Fact]
    public async Task Header_types_survive_the_journal_and_a_node_restart()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("typed", durable: true, exclusive: false, autoDelete: false);
            var properties = new BasicProperties { Persistent = true, Headers = EveryHeaderType.Table() };
            await channel.BasicPublishAsync("", "typed", true, properties, Encoding.UTF8.GetBytes("on disk")).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var got = await channel.BasicGetAsync("typed", autoAck: true);

            Assert.NotNull(got);
            EveryHeaderType.AssertKept(got.BasicProperties.Headers!);
        }
    }

    [Fact]
    public async Task An_at_least_once_dead_letter_no_queue_took_is_still_in_its_quorum_queue_after_a_restart()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var arguments = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-overflow"] = "reject-publish",
                ["x-dead-letter-strategy"] = "at-least-once",
                ["x-dead-letter-exchange"] = "nowhere",
            };
            await channel.QueueDeclareAsync("source", durable: true, exclusive: false, autoDelete: false, arguments);
            await channel.BasicPublishAsync("", "source", true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("kept")).AsTask().WaitAsync(BrokerNode.Timeout);
            var got = await channel.BasicGetAsync("source", autoAck: false);
            Assert.NotNull(got);
            await channel.BasicRejectAsync(got.DeliveryTag, requeue: false);
            Assert.Equal(0u, await channel.MessageCountAsync("source"));
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var got = await channel.BasicGetAsync("source", autoAck: true);

            Assert.NotNull(got);
            Assert.Equal("kept", Encoding.UTF8.GetString(got.Body.Span));
        }
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}
