using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DurableFailureTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_journal_write_failure_nacks_the_publisher_and_the_queue_keeps_serving()
    {
        FaultyJournal? journal = null;
        await using var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store));
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("fragile");
        Assert.True(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("before"), s_persistent));

        journal!.Broken = true;
        Assert.False(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("during"), s_persistent));
        Assert.True(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("transient")));

        journal.Broken = false;
        Assert.True(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("after"), s_persistent));
        var bodies = new List<string>();
        while ((await channel.GetAsync("fragile", autoAck: true)).Delivery is { } delivery)
        {
            bodies.Add(Encoding.UTF8.GetString(delivery.Body.Span));
        }

        // The nacked message stays in memory (the publisher was told it may be lost, not that it is).
        Assert.Equal(["before", "during", "transient", "after"], bodies);
    }

    [Fact]
    public async Task A_restarted_broker_reports_its_queues_recovered_only_once_they_have_read_their_journals()
    {
        await using (var first = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await first.OpenChannelAsync();
            await channel.DeclareQueueAsync("backlog");
            Assert.True(await channel.PublishAsync("", "backlog", Encoding.UTF8.GetBytes("kept"), s_persistent));
        }

        var unreadable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = await DurableNode.StartAsync(_file.Path, wrap: store => new FaultyJournal(store) { QueueReplayGate = unreadable });

        using (var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.Broker.WaitForQueueRecoveryAsync(shortWait.Token));
        }

        unreadable.SetResult();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.Broker.WaitForQueueRecoveryAsync(wait.Token);
        Assert.Equal(1, (await node.Broker.Admin.GetQueueAsync("/", "backlog")).Ready);
    }

    [Fact]
    public async Task An_unreadable_journal_row_is_quarantined_and_the_queue_starts_with_the_rest()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("damaged");
            Assert.True(await channel.PublishAsync("", "damaged", Encoding.UTF8.GetBytes("intact"), s_persistent));
            Assert.True(await channel.PublishAsync("", "damaged", Encoding.UTF8.GetBytes("lost"), s_persistent));
        }

        DurableNode.ExecuteSql(_file.Path, """
            UPDATE journal SET payload = X'0102' WHERE persistence_id LIKE 'queue/%'
              AND sequence_nr = (SELECT MAX(sequence_nr) FROM journal WHERE persistence_id LIKE 'queue/%')
            """);

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal("intact", Encoding.UTF8.GetString((await again.GetAsync("damaged", autoAck: true)).Delivery!.Body.Span));
        Assert.True((await again.GetAsync("damaged")).IsEmpty);
        Assert.Equal(1L, DurableNode.ExecuteSql(_file.Path, "SELECT COUNT(*) FROM journal_quarantine"));
    }
}
