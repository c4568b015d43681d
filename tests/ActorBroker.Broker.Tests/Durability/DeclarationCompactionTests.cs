using System.Text;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DeclarationCompactionTests : IDisposable
{
    private const int SnapshotEvery = 10;
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task The_declaration_journal_stays_bounded_under_declare_and_delete_churn_and_the_topology_survives_its_compaction()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path, SnapshotEvery))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareExchangeAsync("events", ExchangeType.Topic);
            await channel.DeclareQueueAsync("audit");
            await channel.BindQueueAsync("audit", "events", "order.*");
            Assert.True(await channel.PublishAsync("events", "order.created", "kept"u8.ToArray(), s_persistent));

            // 50 cycles make 200 changes: an exchange and a queue come and go each time.
            for (var cycle = 0; cycle < 50; cycle++)
            {
                await channel.DeclareExchangeAsync($"scratch-{cycle}", ExchangeType.Fanout);
                await channel.DeclareQueueAsync($"temp-{cycle}");
                await channel.DeleteQueueAsync($"temp-{cycle}");
                await channel.DeleteExchangeAsync($"scratch-{cycle}");
            }

            // Declared after the last compaction: recovered from the records after the snapshot.
            await channel.DeclareQueueAsync("late");
            await channel.BindQueueAsync("late", "events", "#");

            // Compaction runs beside the changes; once it settles, one snapshot and about one interval of records are left.
            await Eventually.HoldsAsync(() => DeclarationRows() <= 3 * SnapshotEvery && TopologySnapshots() == 1, TimeSpan.FromSeconds(20),
                () => $"{DeclarationRows()} declaration records and {TopologySnapshots()} snapshots left");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, SnapshotEvery);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal("kept", Encoding.UTF8.GetString((await again.GetAsync("audit", autoAck: true)).Delivery!.Body.Span));
        Assert.True(await again.PublishAsync("events", "order.paid", "routed"u8.ToArray(), s_persistent));
        Assert.Equal((1, 1), ((await again.GetQueueInfoAsync("audit")).Ready, (await again.GetQueueInfoAsync("late")).Ready));
        await Assert.ThrowsAnyAsync<Exception>(() => again.DeclareQueuePassiveAsync("temp-49"));
        await Assert.ThrowsAnyAsync<Exception>(() => again.DeclareExchangePassiveAsync("scratch-0"));
    }

    private long TopologySnapshots() => (long)DurableNode.ExecuteSql(_file.Path, "SELECT COUNT(*) FROM snapshots WHERE persistence_id LIKE 'topology/%'")!;

    private long DeclarationRows() => (long)DurableNode.ExecuteSql(_file.Path, "SELECT COUNT(*) FROM journal WHERE persistence_id LIKE 'topology/%'")!;
}
