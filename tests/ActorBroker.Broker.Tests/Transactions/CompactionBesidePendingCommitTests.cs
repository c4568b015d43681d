using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Broker.Tests.Transactions;

/// <summary>
/// A queue holding a commit still being forwarded takes no snapshot at or past the commit's row, while its compaction
/// goes on copying long-held messages forward into its newest rows. A snapshot taken below such a copy held neither the
/// message nor its copy and deleted the message's old row; after a kill the recovery met the copy as a new message out
/// of order, and committed messages were lost or came back out of order (PublishOnlyTransactionCrashTests lost whole
/// batches this way, about once in eight runs).
/// </summary>
public sealed class CompactionBesidePendingCommitTests : IDisposable
{
    private const int SnapshotEvery = 20;
    private static readonly TimeSpan s_held = TimeSpan.FromSeconds(60);
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    // A commit cut off before its forwarding was journaled is forwarded again: its outputs carry ids to be taken once.
    private static readonly QueueDeclaration s_deduplicating = new(Arguments: new Headers { ["x-message-deduplication"] = true });
    private readonly DurableTempFile _file = new();
    private readonly DurableTempFile _killed = new();
    private readonly Dictionary<string, ManualResetEventSlim> _heldQueues = new() { ["held-1"] = new(), ["held-2"] = new() };
    private int _published;

    public void Dispose()
    {
        foreach (var gate in _heldQueues.Values)
        {
            gate.Dispose();
        }

        _file.Dispose();
        _killed.Dispose();
    }

    [Fact]
    public async Task Messages_copied_forward_while_a_commit_is_being_forwarded_survive_a_kill_in_order()
    {
        var expected = new List<string>();
        await using (var node = await DurableNode.StartAsync(_file.Path, SnapshotEvery, onEnqueue: HoldOutputsOfHeldQueues))
        {
            var channel = await node.OpenChannelAsync();
            foreach (var queue in (string[])["work", .. _heldQueues.Keys])
            {
                await channel.DeclareQueueAsync(queue, s_deduplicating);
            }

            // A first snapshot covers these; the next compaction copies them forward.
            expected.AddRange(await PublishAsync(channel, SnapshotEvery + 2));

            // Two commits whose outputs wait in queues that cannot take them yet, in rows of their own: an output
            // reaches its queue once its commit record is durable.
            var first = channel.CommitAtomicallyAsync([Output("work", "t1"), Output("held-1", "t1")], []);
            await ArrivedAsync(channel, _published + 1);
            expected.Add("t1");
            var second = channel.CommitAtomicallyAsync([Output("work", "t2"), Output("held-2", "t2")], []);
            await ArrivedAsync(channel, _published + 2);
            expected.Add("t2");

            // The second snapshot stops below the first commit and copies the oldest messages past both commits.
            expected.AddRange(await PublishAsync(channel, 2 * SnapshotEvery));
            _heldQueues["held-1"].Set();
            Assert.True(await first);

            // Compaction goes on while the second commit waits: no snapshot may leave out the copies.
            expected.AddRange(await PublishAsync(channel, 2 * SnapshotEvery));
            DurableNode.ExecuteSql(_file.Path, $"VACUUM INTO '{_killed.Path}'");
            _heldQueues["held-2"].Set();
            Assert.True(await second);
        }

        await using var restarted = await DurableNode.StartAsync(_killed.Path, SnapshotEvery, afterCrash: true);
        await restarted.Broker.WaitForQueueRecoveryAsync(CancellationToken.None);
        Assert.Equal(expected, await (await restarted.OpenChannelAsync()).DrainAsync("work"));
    }

    private static Task ArrivedAsync(BrokerChannel channel, int ready) =>
        Eventually.HoldsAsync(async () => (await channel.GetQueueInfoAsync("work")).Ready == ready, s_held, () => $"queue 'work' never held {ready} messages");

    /// <summary>Publishes <paramref name="count"/> persistent messages, each confirmed before the next, and returns their bodies.</summary>
    private async Task<List<string>> PublishAsync(BrokerChannel channel, int count)
    {
        var bodies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var body = $"m{++_published}";
            Assert.True(await channel.PublishAsync("", "work", Encoding.UTF8.GetBytes(body), s_persistent));
            bodies.Add(body);
        }

        return bodies;
    }

    // Runs inside the queue actor: a held queue takes nothing until its gate opens, so the commit routed there waits.
    private void HoldOutputsOfHeldQueues(string queue, Message message)
    {
        if (_heldQueues.TryGetValue(queue, out var gate) && !gate.Wait(s_held))
        {
            throw new TimeoutException($"Queue '{queue}' was held for {s_held}.");
        }
    }

    private static TransactionPublish Output(string queue, string body) =>
        new("", queue, Encoding.UTF8.GetBytes(body), s_persistent with { Headers = new Headers { ["x-deduplication-header"] = body } }, false);
}
