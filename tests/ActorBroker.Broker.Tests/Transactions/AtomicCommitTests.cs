using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Broker.Tests.Transactions;

/// <summary>A transaction that acks deliveries of one queue commits in that queue's journal: one write, then the outputs.</summary>
public sealed class AtomicCommitTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_committed_ack_and_its_outputs_survive_a_crash_together()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await DeclareAsync(node);
            Assert.True(await channel.PublishAsync("", "input", Body("order"), s_persistent));
            var input = (await channel.GetAsync("input")).Delivery!;

            Assert.True(await channel.CommitAtomicallyAsync([Output("order, billed"), Output("order, shipped")], [new TransactionSettlement(true, input.DeliveryTag, false, false)]));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(["order, billed", "order, shipped"], await again.DrainAsync("output"));
        Assert.Empty(await again.DrainAsync("input"));
    }

    [Fact]
    public async Task Compaction_between_many_commits_keeps_every_output_and_every_ack_across_a_restart()
    {
        const int count = 300;
        await using (var node = await DurableNode.StartAsync(_file.Path, snapshotEvery: 50))
        {
            var channel = await DeclareAsync(node);
            for (var i = 0; i < count; i++)
            {
                Assert.True(await channel.PublishAsync("", "input", Body($"{i}"), s_persistent));
            }

            for (var i = 0; i < count; i++)
            {
                var input = (await channel.GetAsync("input")).Delivery!;
                var text = Encoding.UTF8.GetString(input.Body.Span);
                Assert.True(await channel.CommitAtomicallyAsync([Output($"{text} done")], [new TransactionSettlement(true, input.DeliveryTag, false, false)]));
            }
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, snapshotEvery: 50, afterCrash: true);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{i} done"), await again.DrainAsync("output"));
        Assert.Empty(await again.DrainAsync("input"));
    }

    [Fact]
    public async Task A_commit_to_an_unknown_exchange_is_refused_before_anything_is_settled()
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await DeclareAsync(node);
        await channel.PublishAsync("", "input", Body("a"), s_persistent);
        var input = (await channel.GetAsync("input")).Delivery!;

        var error = await Assert.ThrowsAsync<BrokerException>(() =>
            channel.CommitAtomicallyAsync([new TransactionPublish("nowhere", "", Body("x"), s_persistent, false)], [new TransactionSettlement(true, input.DeliveryTag, false, false)]));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
    }

    [Fact]
    public void Recovery_forwards_the_outputs_of_a_commit_whose_forwarding_was_not_journaled()
    {
        var recovery = new QueueRecovery(new QueueState("input", QueueArguments.None, TimeProvider.System));
        var output = TestMessages.Text("order, billed");
        var rows = QueueRecord.DecodeBatch(QueueRecord.BatchManifest, QueueRecord.EncodeBatch(
        [
            new QueueRecord.Enqueued(1, DateTimeOffset.UnixEpoch, TestMessages.Text("order")),
            new QueueRecord.Removed([1]),
            new QueueRecord.TransactionCommitted(42, [output]),
            new QueueRecord.TransactionCommitted(43, [output]),
            new QueueRecord.TransactionForwarded(43),
        ]));

        recovery.Apply(rows, row: 7);

        var (row, commit) = Assert.Single(recovery.PendingTransactions);
        Assert.Equal((42L, 7L, "order, billed"), (commit.TransactionId, row, Assert.Single(commit.Outputs).BodyText()));
    }

    private static async Task<BrokerChannel> DeclareAsync(DurableNode node)
    {
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("input");
        await channel.DeclareQueueAsync("output");
        return channel;
    }

    private static TransactionPublish Output(string text) => new("", "output", Body(text), s_persistent, false);

    private static ReadOnlyMemory<byte> Body(string text) => Encoding.UTF8.GetBytes(text);

}
