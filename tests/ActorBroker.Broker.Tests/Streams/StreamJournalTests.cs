using System.Text;
using System.Threading.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;

namespace ActorBroker.Broker.Tests.Streams;

/// <summary>A stream's chunks when the journal fails to write one or loses one.</summary>
public sealed class StreamJournalTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly QueueDeclaration s_stream = new(Durable: true, Arguments: new Headers { ["x-queue-type"] = "stream" });
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_chunk_the_journal_cannot_write_nacks_each_of_its_publishers_and_the_stream_keeps_what_was_confirmed()
    {
        FaultyJournal? journal = null;
        await using (var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store)))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("log", s_stream);
            Assert.True(await channel.PublishAsync("", "log", "before"u8.ToArray()));

            journal!.Broken = true;
            var during = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => channel.PublishAsync("", "log", Encoding.UTF8.GetBytes($"during {i}")))).WaitAsync(s_timeout);

            Assert.All(during, Assert.False);
            journal.Broken = false;
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        Assert.True(await again.PublishAsync("", "log", "after"u8.ToArray()));

        Assert.Equal([(0L, "before"), (1L, "after")], await ReadAsync(again, "log", 2));
    }

    [Fact]
    public async Task A_chunk_the_journal_quarantined_leaves_a_gap_in_the_offsets_that_readers_step_over()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("log", s_stream);
            // Each confirmed before the next is published: one chunk each, sequence numbers 1, 2, 3.
            foreach (var body in new[] { "m0", "m1", "m2" })
            {
                Assert.True(await channel.PublishAsync("", "log", Encoding.UTF8.GetBytes(body)));
            }
        }

        DurableNode.ExecuteSql(_file.Path, "UPDATE journal SET payload = X'0102' WHERE persistence_id LIKE 'stream/%' AND persistence_id NOT LIKE '%/groups' AND sequence_nr = 2");

        // A tail of one message: the reader goes to the journal for the rest.
        await using var restarted = await DurableNode.StartAsync(_file.Path, inMemoryMessages: 1);
        var again = await restarted.OpenChannelAsync();

        Assert.Equal([(0L, "m0"), (2L, "m2")], await ReadAsync(again, "log", 2));
        Assert.Equal(2, (await again.GetQueueInfoAsync("log")).Counters.Ready);
    }

    /// <summary>The first <paramref name="count"/> deliveries from the first offset, as (offset header, body), each acked.</summary>
    private static async Task<List<(long Offset, string Body)>> ReadAsync(BrokerChannel channel, string stream, int count)
    {
        var deliveries = Channel.CreateUnbounded<Delivery>();
        channel.SetPrefetch(100);
        await channel.ConsumeAsync(stream, d => deliveries.Writer.TryWrite(d), new ConsumeOptions(Arguments: new Headers { ["x-stream-offset"] = "first" }));
        var read = new List<(long, string)>();
        for (var i = 0; i < count; i++)
        {
            var delivery = await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
            Assert.True(delivery.Properties.Headers!["x-stream-offset"].TryGetInteger(out var offset));
            read.Add((offset, Encoding.UTF8.GetString(delivery.Body.Span)));
            delivery.Ack();
        }

        return read;
    }
}
