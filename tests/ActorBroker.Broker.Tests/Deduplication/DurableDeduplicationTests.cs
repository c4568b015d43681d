using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Deduplication;

/// <summary>The window of a durable deduplicating queue is journaled with its messages: it survives restarts, crashes and compaction.</summary>
public sealed class DurableDeduplicationTests : IDisposable
{
    private static readonly QueueDeclaration s_deduplicating = new(Arguments: new Headers { ["x-message-deduplication"] = true });
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task An_id_consumed_before_a_restart_is_still_a_duplicate_after_it_and_its_retry_is_confirmed()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("orders", s_deduplicating);
            Assert.True(await channel.PublishAsync("", "orders", Body("first"), WithId("order-1")));
            Assert.True(await channel.PublishAsync("", "orders", Body("retry before restart"), WithId("order-1")));
            (await channel.GetAsync("orders", autoAck: true)).Delivery!.Ack();
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        var again = await restarted.OpenChannelAsync();
        Assert.True(await again.PublishAsync("", "orders", Body("retry after restart"), WithId("order-1")));
        Assert.True(await again.PublishAsync("", "orders", Body("new"), WithId("order-2")));

        Assert.Equal(["new"], await again.DrainAsync("orders"));
    }

    [Fact]
    public async Task The_window_survives_compaction_that_deleted_the_rows_of_its_ids()
    {
        const int snapshotEvery = 100;
        const int count = 400;
        await using (var node = await DurableNode.StartAsync(_file.Path, snapshotEvery))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("orders", s_deduplicating);
            for (var i = 0; i < count; i++)
            {
                Assert.True(await channel.PublishAsync("", "orders", Body($"order {i} {new string('x', 200)}"), WithId($"order-{i}")));
            }

            Assert.Equal(count, (await channel.DrainAsync("orders")).Count);
            await Eventually.HoldsAsync(() => DurableNode.QueueJournalBytes(_file.Path) <= 32 * 1024, TimeSpan.FromSeconds(30),
                () => $"the queue journal still holds {DurableNode.QueueJournalBytes(_file.Path)} bytes");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, snapshotEvery);
        var again = await restarted.OpenChannelAsync();
        for (var i = 0; i < count; i++)
        {
            Assert.True(await again.PublishAsync("", "orders", Body($"retry {i}"), WithId($"order-{i}")));
        }

        Assert.True(await again.PublishAsync("", "orders", Body("new"), WithId("order-new")));
        Assert.Equal(["new"], await again.DrainAsync("orders"));
    }

    [Fact]
    public async Task A_message_whose_write_failed_leaves_no_id_so_its_retry_is_enqueued()
    {
        FaultyJournal? journal = null;
        await using var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store));
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("orders", s_deduplicating);

        journal!.Broken = true;
        Assert.False(await channel.PublishAsync("", "orders", Body("during outage"), WithId("order-1")));
        journal.Broken = false;

        // The nack may reach the publisher before the queue has heard of the failure: a retry that quick is nacked
        // too (its original's write failed), and a later one is taken. On a loaded machine the queue may take a while
        // to hear of it, so the bound is time, not a number of attempts (ten were all nacked once, within 114 ms).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await channel.PublishAsync("", "orders", Body("retry"), WithId("order-1")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the retry was still nacked after 30 s");
        }

        // The nacked message stays in memory (the publisher was told it may be lost, not that it is): both are held.
        Assert.Equal(["during outage", "retry"], await channel.DrainAsync("orders"));
    }

    private static BasicProperties WithId(string id) =>
        new() { DeliveryMode = DeliveryMode.Persistent, Headers = new Headers { ["x-deduplication-header"] = id } };

    private static ReadOnlyMemory<byte> Body(string text) => Encoding.UTF8.GetBytes(text);

}
