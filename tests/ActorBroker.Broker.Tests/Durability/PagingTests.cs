using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>A durable queue keeps a window of bodies in memory and reads the rest back from the journal.</summary>
public sealed class PagingTests : IDisposable
{
    private const int Window = 10;
    private const int Count = 1000;
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    // A window of ten means a read of the journal every few deliveries: a thousand take a second or two, but
    // far longer on a machine loaded many times over, so the limit is generous.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_long_queue_keeps_only_its_window_of_bodies_in_memory_and_delivers_every_message_in_order()
    {
        await using var node = await StartAsync();
        var channel = await node.OpenChannelAsync();
        await PublishAsync(channel, "long", Count);

        // A body is dropped once its row is durable, which the queue learns just after the publisher's confirm.
        var info = await channel.GetQueueInfoAsync("long");
        for (var deadline = DateTime.UtcNow + s_timeout; info.Counters.PagedOut < Count - Window && DateTime.UtcNow < deadline;)
        {
            info = await channel.GetQueueInfoAsync("long");
        }

        Assert.Equal((Count, Count - Window, Window), (info.Ready, info.Counters.PagedOut, info.Counters.InMemoryBodies));

        var observer = await node.OpenChannelAsync();
        var received = await ConsumeAllAsync(channel, "long", Count, async () =>
        {
            var during = await observer.GetQueueInfoAsync("long");
            Assert.True(during.Counters.InMemoryBodies <= Window, $"{during.Counters.InMemoryBodies} bodies in memory while draining");
        });

        Assert.Equal(Expected(Count), received);
    }

    [Fact]
    public async Task A_paged_backlog_comes_back_after_a_restart_in_order_with_unacked_ones_redelivered()
    {
        await using (var node = await StartAsync())
        {
            var channel = await node.OpenChannelAsync();
            await PublishAsync(channel, "long", Count);
            (await channel.GetAsync("long")).Delivery!.Ack();
            Assert.Equal("m1", Text((await channel.GetAsync("long")).Delivery!));
            await channel.GetQueueInfoAsync("long");
        }

        await using var restarted = await StartAsync();
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(Count - 1, (await again.GetQueueInfoAsync("long")).Ready);
        var first = (await again.GetAsync("long", autoAck: true)).Delivery!;
        Assert.Equal(("m1", true), (Text(first), first.Redelivered));

        Assert.Equal(Expected(Count).Skip(2), await ConsumeAllAsync(again, "long", Count - 2));
    }

    [Fact]
    public async Task Peek_beyond_the_window_reads_the_bodies_back_without_widening_the_window()
    {
        await using var node = await StartAsync();
        var channel = await node.OpenChannelAsync();
        await PublishAsync(channel, "long", 100);

        var peeked = await channel.PeekAsync("long", 100);

        Assert.Equal(Expected(100), peeked.Select(p => Encoding.UTF8.GetString(p.Message.Body.Span)));
        // A confirm goes out the moment its write commits, and the queue pages the body out when it hears of the commit
        // a little later: the window holds again once it has, and a peek must not have widened it.
        var inMemory = 0L;
        await Eventually.HoldsAsync(
            async () => (inMemory = (await channel.GetQueueInfoAsync("long")).Counters.InMemoryBodies) <= Window,
            TimeSpan.FromSeconds(30),
            () => $"{inMemory} bodies in memory, more than the window of {Window}");
    }

    [Fact]
    public async Task Compaction_keeps_the_rows_of_paged_messages_so_a_restart_after_it_still_delivers_them()
    {
        const int snapshotEvery = 50;
        await using (var node = await StartAsync(snapshotEvery))
        {
            var channel = await node.OpenChannelAsync();
            // Batches awaited one by one fill rows of their own, so the rows of the first half can go once it is acked.
            for (var batch = 0; batch < 10; batch++)
            {
                await PublishAsync(channel, "long", 40, from: batch * 40);
            }

            for (var i = 0; i < 200; i++)
            {
                (await channel.GetAsync("long")).Delivery!.Ack();
            }

            await PublishAsync(channel, "long", 100, from: 400);
            await WaitUntilAsync(() => (long)DurableNode.ExecuteSql(_file.Path, "SELECT COUNT(*) FROM snapshots WHERE persistence_id LIKE 'queue/%'")! > 0
                && (long)DurableNode.ExecuteSql(_file.Path, "SELECT MIN(sequence_nr) FROM journal WHERE persistence_id LIKE 'queue/%'")! > 1);
        }

        await using var restarted = await StartAsync(snapshotEvery);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(Expected(500).Skip(200), await ConsumeAllAsync(again, "long", 300));
    }

    [Fact]
    public async Task A_purged_paged_backlog_stays_purged_after_a_restart()
    {
        await using (var node = await StartAsync())
        {
            var channel = await node.OpenChannelAsync();
            await PublishAsync(channel, "long", 200);
            Assert.Equal(200, await channel.PurgeQueueAsync("long"));
            await PublishAsync(channel, "long", 1, from: 200);
        }

        await using var restarted = await StartAsync();
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(["m200"], await ConsumeAllAsync(again, "long", 1));
    }

    [Fact]
    public async Task Paged_messages_that_expire_are_dead_lettered_with_their_bodies()
    {
        await using var node = await StartAsync();
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("expired");
        var arguments = new Headers { ["x-message-ttl"] = 50L, ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "expired" };
        await channel.DeclareQueueAsync("short", new QueueDeclaration(Durable: true, Arguments: arguments));
        await PublishAsync(channel, "short", 100, declare: false);

        Assert.Equal(Expected(100), await ConsumeAllAsync(channel, "expired", 100));
    }

    private Task<DurableNode> StartAsync(int snapshotEvery = 1000) => DurableNode.StartAsync(_file.Path, snapshotEvery, inMemoryMessages: Window);

    private static async Task PublishAsync(BrokerChannel channel, string queue, int count, int from = 0, bool declare = true)
    {
        if (declare)
        {
            await channel.DeclareQueueAsync(queue);
        }

        var confirms = Enumerable.Range(from, count).Select(i => channel.PublishAsync("", queue, Encoding.UTF8.GetBytes($"m{i}"), s_persistent)).ToList();
        Assert.All(await Task.WhenAll(confirms), Assert.True);
    }

    /// <summary>Consumes <paramref name="count"/> messages with manual acks; <paramref name="probe"/> runs every hundred deliveries.</summary>
    private static async Task<List<string>> ConsumeAllAsync(BrokerChannel channel, string queue, int count, Func<Task>? probe = null)
    {
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = new List<Task>();
        await channel.ConsumeAsync(queue, delivery =>
        {
            received.Add(Text(delivery));
            delivery.Ack();
            if (probe is not null && received.Count % 100 == 0)
            {
                probes.Add(probe());
            }

            if (received.Count == count)
            {
                done.SetResult();
            }
        }, new ConsumeOptions(Prefetch: 50));
        await done.Task.WaitAsync(s_timeout);
        await Task.WhenAll(probes);
        return received;
    }

    private static IEnumerable<string> Expected(int count) => Enumerable.Range(0, count).Select(i => $"m{i}");

    private static string Text(Delivery delivery) => Encoding.UTF8.GetString(delivery.Body.Span);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {s_timeout}.");
            await timer.WaitForNextTickAsync();
        }
    }
}
