using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DurableRestartTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Confirmed_persistent_messages_come_back_ready_and_in_order_after_a_restart()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("orders");
            for (var i = 0; i < 20; i++)
            {
                Assert.True(await channel.PublishAsync("", "orders", Body($"m{i}"), s_persistent));
            }
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        var bodies = new List<string>();
        while ((await again.GetAsync("orders", autoAck: true)).Delivery is { } delivery)
        {
            Assert.False(delivery.Redelivered);
            bodies.Add(Text(delivery));
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), bodies);
    }

    [Fact]
    public async Task Unacked_messages_come_back_redelivered_with_their_delivery_count_raised_and_acked_ones_never()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("work");
            foreach (var name in new[] { "acked", "unacked", "ready" })
            {
                await channel.PublishAsync("", "work", Body(name), s_persistent);
            }

            (await channel.GetAsync("work")).Delivery!.Ack();
            Assert.Equal("unacked", Text((await channel.GetAsync("work")).Delivery!));
            await channel.GetQueueInfoAsync("work");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        var first = (await again.GetAsync("work", autoAck: true)).Delivery!;
        var second = (await again.GetAsync("work", autoAck: true)).Delivery!;
        Assert.Equal(("unacked", true, 2), (Text(first), first.Redelivered, first.DeliveryCount));
        Assert.Equal(("ready", false, 1), (Text(second), second.Redelivered, second.DeliveryCount));
        Assert.True((await again.GetAsync("work")).IsEmpty);
    }

    [Fact]
    public async Task Persistent_messages_published_without_a_per_message_confirm_survive_a_restart_after_WaitForConfirms()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("batch");
            for (var i = 0; i < 100; i++)
            {
                channel.Publish("", "batch", Body($"b{i}"), s_persistent);
            }

            Assert.True(await channel.WaitForConfirmsAsync());
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        Assert.Equal(100, (await (await restarted.OpenChannelAsync()).GetQueueInfoAsync("batch")).Ready);
    }

    [Fact]
    public async Task Messages_acked_with_ack_multiple_never_come_back()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("multi");
            for (var i = 0; i < 5; i++)
            {
                await channel.PublishAsync("", "multi", Body($"m{i}"), s_persistent);
            }

            ulong third = 0;
            for (var i = 0; i < 3; i++)
            {
                third = (await channel.GetAsync("multi")).Delivery!.DeliveryTag;
            }

            channel.Ack(third, multiple: true);
            await UntilAllAckedAsync(channel, "multi");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal("m3", Text((await again.GetAsync("multi", autoAck: true)).Delivery!));
        Assert.Equal("m4", Text((await again.GetAsync("multi", autoAck: true)).Delivery!));
        Assert.True((await again.GetAsync("multi")).IsEmpty);
    }

    [Fact]
    public async Task Transient_messages_of_a_durable_queue_do_not_come_back()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("mixed");
            await channel.PublishAsync("", "mixed", Body("transient"));
            await channel.PublishAsync("", "mixed", Body("persistent"), s_persistent);
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal("persistent", Text((await again.GetAsync("mixed", autoAck: true)).Delivery!));
        Assert.True((await again.GetAsync("mixed")).IsEmpty);
    }

    [Fact]
    public async Task Durable_exchanges_and_bindings_are_recreated_and_transient_queues_are_gone()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareExchangeAsync("events", ExchangeType.Topic);
            await channel.DeclareExchangeAsync("scratch", new ExchangeSettings(ExchangeType.Fanout, Durable: false));
            await channel.DeclareQueueAsync("audit");
            await channel.DeclareQueueAsync("temp", new QueueDeclaration(Durable: false));
            await channel.BindQueueAsync("audit", "events", "order.*");
            await channel.BindQueueAsync("temp", "events", "#");
            await channel.DeclareQueueAsync("dropped");
            await channel.DeleteQueueAsync("dropped");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        Assert.True(await again.PublishAsync("events", "order.created", Body("routed"), s_persistent));
        Assert.Equal("routed", Text((await again.GetAsync("audit", autoAck: true)).Delivery!));
        await Assert.ThrowsAnyAsync<Exception>(() => again.DeclareQueuePassiveAsync("temp"));
        await Assert.ThrowsAnyAsync<Exception>(() => again.DeclareQueuePassiveAsync("dropped"));
        await Assert.ThrowsAnyAsync<Exception>(() => again.DeclareExchangePassiveAsync("scratch"));
    }

    [Fact]
    public async Task A_durable_queue_deleted_and_declared_again_starts_empty()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("reused");
            await channel.PublishAsync("", "reused", Body("old"), s_persistent);
            await channel.DeleteQueueAsync("reused");
            await channel.DeclareQueueAsync("reused");
            await channel.PublishAsync("", "reused", Body("new"), s_persistent);
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal("new", Text((await again.GetAsync("reused", autoAck: true)).Delivery!));
        Assert.True((await again.GetAsync("reused")).IsEmpty);
    }

    private static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(Delivery delivery) => Encoding.UTF8.GetString(delivery.Body.Span);

    // An ack travels through the channel actor while GetQueueInfoAsync asks the queue directly, so one info
    // reply is no barrier for it: wait until the queue has taken the ack, with a timeout.
    private static async Task UntilAllAckedAsync(BrokerChannel channel, string queue)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await channel.GetQueueInfoAsync(queue)).Unacked > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue '{queue}' never saw its acks.");
            }
        }
    }

    [Fact]
    public async Task A_message_parked_for_a_delayed_retry_stays_parked_after_a_restart_and_snapshot()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path, snapshotEvery: 1))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("retries");
            Assert.True(await channel.PublishAsync("", "retries", Encoding.UTF8.GetBytes("later"), s_persistent));
            Assert.True(await channel.PublishAsync("", "retries", Encoding.UTF8.GetBytes("now"), s_persistent));
            var first = (await channel.GetAsync("retries")).Delivery!;
            channel.Nack(first.DeliveryTag, requeue: true, delay: TimeSpan.FromHours(1));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await channel.GetQueueInfoAsync("retries")).Counters.Delayed != 1)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();

        var info = await again.GetQueueInfoAsync("retries");
        Assert.Equal((1, 1), (info.Counters.Delayed, info.Ready));
        Assert.Equal("now", Encoding.UTF8.GetString((await again.GetAsync("retries", autoAck: true)).Delivery!.Body.Span));
        Assert.True((await again.GetAsync("retries")).IsEmpty);
    }
}
