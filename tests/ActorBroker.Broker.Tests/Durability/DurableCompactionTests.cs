using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DurableCompactionTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task The_journal_of_a_queue_stays_bounded_over_many_publish_and_ack_cycles_and_keeps_what_is_left()
    {
        const int snapshotEvery = 200;
        await using (var node = await DurableNode.StartAsync(_file.Path, snapshotEvery))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("churn");
            var body = new byte[64];
            await ChurnAsync(channel, body);

            Assert.True(await channel.PublishAsync("", "churn", body, s_persistent));

            // 40 cycles wrote 6,000 records (2,000 messages, about 330 KB); compaction runs beside the traffic and
            // settles within one interval of records (about 12 KB).
            await Eventually.HoldsAsync(() => DurableNode.QueueJournalBytes(_file.Path) <= 32 * 1024, TimeSpan.FromSeconds(20),
                () => $"the queue journal holds {DurableNode.QueueJournalBytes(_file.Path)} bytes");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, snapshotEvery);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(1, (await again.GetQueueInfoAsync("churn")).Ready);
    }

    [Fact]
    public async Task A_message_left_unacked_for_long_is_copied_forward_so_it_does_not_keep_the_rows_after_it()
    {
        const int snapshotEvery = 200;
        await using (var node = await DurableNode.StartAsync(_file.Path, snapshotEvery))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("churn");
            Assert.True(await channel.PublishAsync("", "churn", "stuck"u8.ToArray(), s_persistent));
            Assert.NotNull((await channel.GetAsync("churn")).Delivery);
            await ChurnAsync(channel, new byte[64]);

            // Published on the channel the acks went through: once it is confirmed, the queue has taken every ack.
            Assert.True(await channel.PublishAsync("", "churn", "last"u8.ToArray(), s_persistent));

            // Without the copy the first row, and every row after it, would stay: about 330 KB. With it, the copy is
            // written after one snapshot and its old rows deleted by the next; the snapshot after that copies it again,
            // so the rows of up to three intervals are kept when the churn stops. An interval is 200 records or more:
            // as many as are written while a snapshot is saved. 9-17 KB here; 39 KB seen on a slower disk.
            await Eventually.HoldsAsync(() => DurableNode.QueueJournalBytes(_file.Path) <= 64 * 1024, TimeSpan.FromSeconds(20),
                () => $"the queue journal holds {DurableNode.QueueJournalBytes(_file.Path)} bytes");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, snapshotEvery);
        var again = await restarted.OpenChannelAsync();
        var back = (await again.GetAsync("churn", autoAck: true)).Delivery!;
        Assert.Equal(("stuck", true), (System.Text.Encoding.UTF8.GetString(back.Body.Span), back.Redelivered));
        Assert.Equal("last", System.Text.Encoding.UTF8.GetString((await again.GetAsync("churn", autoAck: true)).Delivery!.Body.Span));
        Assert.True((await again.GetAsync("churn")).IsEmpty);
    }

    /// <summary>40 cycles of 50 confirmed publishes and 50 acked gets: 6,000 records, 2,000 messages, about 330 KB.</summary>
    private static async Task ChurnAsync(BrokerChannel channel, byte[] body)
    {
        for (var cycle = 0; cycle < 40; cycle++)
        {
            var confirms = Enumerable.Range(0, 50).Select(_ => channel.PublishAsync("", "churn", body, s_persistent)).ToList();
            Assert.All(await Task.WhenAll(confirms), Assert.True);
            for (var i = 0; i < 50; i++)
            {
                (await channel.GetAsync("churn")).Delivery!.Ack();
            }
        }
    }
}
