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
            for (var cycle = 0; cycle < 40; cycle++)
            {
                var confirms = Enumerable.Range(0, 50).Select(_ => channel.PublishAsync("", "churn", body, s_persistent)).ToList();
                Assert.All(await Task.WhenAll(confirms), Assert.True);
                for (var i = 0; i < 50; i++)
                {
                    (await channel.GetAsync("churn")).Delivery!.Ack();
                }
            }

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
}
