using ActorBroker.Broker.Client;
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
    public async Task Delayed_messages_beyond_the_in_memory_window_are_read_back_from_the_journal_in_due_order_with_their_bodies()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using var node = await DurableBrokerNode.StartAsync(journal, BrokerOptions.Default with { QueueInMemoryMessages = 2 });
        await using var connection = await node.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: true, autoDelete: false, new Dictionary<string, object?> { ["x-delayed-type"] = "fanout" });
        await channel.QueueDeclareAsync("jobs", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("jobs", "later", "");

        // Published latest-due first, so the earliest due are the ones paged out. Published together, not one confirm
        // after another: on a loaded machine a confirm can take longer than the half second between two due times.
        var delays = new[] { 4500, 4000, 3500, 3000, 2500, 2000 };
        var confirms = delays.Select(delay =>
        {
            var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["x-delay"] = delay } };
            return channel.BasicPublishAsync("later", "", true, properties, Encoding.UTF8.GetBytes($"due in {delay}")).AsTask();
        }).ToList();
        await Task.WhenAll(confirms).WaitAsync(BrokerNode.Timeout);

        var arrived = new List<string>();
        var deadline = DateTime.UtcNow + BrokerNode.Timeout;
        while (arrived.Count < delays.Length && DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync("jobs", autoAck: true) is { } got)
            {
                arrived.Add(Encoding.UTF8.GetString(got.Body.Span));
            }
        }

        Assert.Equal(delays.Reverse().Select(d => $"due in {d}"), arrived);
    }

    [Fact]
    public async Task Delayed_messages_recovered_through_a_compacted_journal_all_arrive_with_their_bodies()
    {
        // 10,000 records make the exchange compact its journal: a snapshot of what is held, and the records of the
        // messages already released deleted. The restart then reads the snapshot and pages every body back in.
        const int Released = 200;
        const int Held = 10_000;
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        var properties = new ActorBroker.Broker.Messages.BasicProperties { DeliveryMode = ActorBroker.Broker.Messages.DeliveryMode.Persistent };
        DateTimeOffset due;
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.Broker.ConnectAsync();
            var channel = await connection.CreateChannelAsync();
            await channel.DeclareExchangeAsync("later", new ActorBroker.Broker.Routing.ExchangeSettings(ActorBroker.Broker.Routing.ExchangeType.DelayedMessage,
                Arguments: new ActorBroker.Broker.Messages.Headers { ["x-delayed-type"] = "fanout" }));
            await channel.DeclareQueueAsync("jobs");
            await channel.BindQueueAsync("jobs", "later", "");
            await PublishDelayedAsync(channel, 0, Released, TimeSpan.FromMilliseconds(1));
            Assert.Equal(Enumerable.Range(0, Released), await TakeAsync(channel, Released));
            due = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
            await PublishDelayedAsync(channel, Released, Held, due - DateTimeOffset.UtcNow);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.Broker.ConnectAsync();
            var channel = await connection.CreateChannelAsync();

            Assert.Equal(Enumerable.Range(Released, Held), (await TakeAsync(channel, Held)).Order());
        }

        async Task PublishDelayedAsync(ActorBroker.Broker.Client.BrokerChannel channel, int first, int count, TimeSpan delay)
        {
            var delayed = properties with { Headers = new ActorBroker.Broker.Messages.Headers { ["x-delay"] = (long)Math.Max(1, delay.TotalMilliseconds) } };
            for (var window = first; window < first + count; window += 1000)
            {
                var confirms = Enumerable.Range(window, Math.Min(1000, first + count - window))
                    .Select(n => channel.PublishAsync("later", "", BitConverter.GetBytes(n), delayed));
                Assert.All(await Task.WhenAll(confirms), Assert.True);
            }
        }

        static async Task<List<int>> TakeAsync(ActorBroker.Broker.Client.BrokerChannel channel, int count)
        {
            var taken = new List<int>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (taken.Count < count && DateTime.UtcNow < deadline)
            {
                if ((await channel.GetAsync("jobs", autoAck: true)).Delivery is { } delivery)
                {
                    taken.Add(BitConverter.ToInt32(delivery.Body.Span));
                }
            }

            return taken;
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
