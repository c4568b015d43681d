using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Broker.Tests.Transactions;

/// <summary>
/// A transaction that acks deliveries of several queues, or that only publishes, commits atomically too: the queue
/// of the first ack (or the first queue of the first output) holds the decision, the others apply their acks after.
/// </summary>
public sealed class CrossQueueCommitTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Acks_of_two_queues_and_the_outputs_commit_together_and_survive_a_restart()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await DeclareAsync(node);
            var (order, payment) = await TakeOneOfEachAsync(channel);

            Assert.True(await channel.CommitAtomicallyAsync([Output("order paid")], [Ack(order), Ack(payment)]));

            Assert.Equal((0, 0), await UnackedAsync(channel));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(["order paid"], await again.DrainAsync("output"));
        Assert.Empty(await again.DrainAsync("orders"));
        Assert.Empty(await again.DrainAsync("payments"));
    }

    [Fact]
    public async Task A_recovery_applies_the_ack_the_crash_kept_from_the_other_queues_journal()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await DeclareAsync(node);
            var (order, payment) = await TakeOneOfEachAsync(channel);
            Assert.True(await channel.CommitAtomicallyAsync([Output("order paid")], [Ack(order), Ack(payment)]));
        }

        // As if the node died right after the commit point: the decision is durable in the orders queue, but
        // neither the payment's removal, nor the output, nor the record that both were done.
        Assert.Equal(1L, DeleteLastRow("payments"));
        Assert.Equal(1L, DeleteLastRow("output"));
        Assert.Equal(1L, DeleteLastRow("orders"));

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        // As the node does before it admits clients: the orders queue counts as recovered once the payments queue applied its ack.
        await restarted.Broker.WaitForQueueRecoveryAsync(CancellationToken.None);
        var again = await restarted.OpenChannelAsync();
        Assert.Empty(await again.DrainAsync("payments"));
        Assert.Empty(await again.DrainAsync("orders"));
        Assert.Equal(["order paid"], await again.DrainAsync("output"));
    }

    [Fact]
    public async Task A_nack_with_requeue_beside_the_acks_returns_its_delivery_and_the_rest_commits_atomically()
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await DeclareAsync(node);
        var (order, payment) = await TakeOneOfEachAsync(channel);

        Assert.True(await channel.CommitAtomicallyAsync([Output("order done")], [Ack(order), new TransactionSettlement(false, payment.DeliveryTag, false, Requeue: true)]));

        var other = await node.OpenChannelAsync();
        Assert.Equal(["payment"], await other.DrainAsync("payments"));
        Assert.Empty(await other.DrainAsync("orders"));
        Assert.Equal(["order done"], await other.DrainAsync("output"));
    }

    [Fact]
    public async Task A_reject_to_the_dead_letter_exchange_does_not_qualify_and_settles_nothing()
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await DeclareAsync(node);
        var (order, payment) = await TakeOneOfEachAsync(channel);

        Assert.False(await channel.CommitAtomicallyAsync([Output("order done")], [Ack(order), new TransactionSettlement(false, payment.DeliveryTag, false, Requeue: false)]));

        Assert.Equal((1, 1), await UnackedAsync(channel));
    }

    [Fact]
    public async Task A_transaction_that_only_publishes_commits_its_outputs_together()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await DeclareAsync(node);

            Assert.True(await channel.CommitAtomicallyAsync([Output("first"), Output("second")], []));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        Assert.Equal(["first", "second"], await (await restarted.OpenChannelAsync()).DrainAsync("output"));
    }

    [Fact]
    public void A_commit_record_naming_other_queues_reads_back_with_their_acks()
    {
        var acks = new RemoteAcks("payments", "queue/%2F/payments/3", [7, 9]);
        var rows = QueueRecord.DecodeBatch(QueueRecord.BatchManifest, QueueRecord.EncodeBatch([new QueueRecord.TransactionCommitted(42, [TestMessages.Text("order paid")], [acks])]));

        var commit = Assert.IsType<QueueRecord.TransactionCommitted>(Assert.Single(rows));
        var read = Assert.Single(commit.RemoteAcks);
        Assert.Equal((acks.Queue, acks.PersistenceId), (read.Queue, read.PersistenceId));
        Assert.Equal(acks.Sequences, read.Sequences);
        Assert.Equal("order paid", Assert.Single(commit.Outputs).BodyText());
    }

    /// <summary>
    /// Two outstanding deliveries; the payment is the channel's first, so its queue is the one the ack names
    /// second: the orders queue (first acked) holds the decision.
    /// </summary>
    private static async Task<(Delivery Order, Delivery Payment)> TakeOneOfEachAsync(BrokerChannel channel)
    {
        Assert.True(await channel.PublishAsync("", "orders", Body("order"), s_persistent));
        Assert.True(await channel.PublishAsync("", "payments", Body("payment"), s_persistent));
        var payment = (await channel.GetAsync("payments")).Delivery!;
        var order = (await channel.GetAsync("orders")).Delivery!;
        return (order, payment);
    }

    private long DeleteLastRow(string queue)
    {
        var pattern = $"queue/%/{queue}/%";
        return (long)DurableNode.ExecuteSql(_file.Path, $"""
            DELETE FROM journal WHERE persistence_id LIKE '{pattern}'
              AND sequence_nr = (SELECT MAX(sequence_nr) FROM journal WHERE persistence_id LIKE '{pattern}');
            SELECT changes();
            """)!;
    }

    private static async Task<(long Orders, long Payments)> UnackedAsync(BrokerChannel channel) =>
        ((await channel.GetQueueInfoAsync("orders")).Unacked, (await channel.GetQueueInfoAsync("payments")).Unacked);

    private static async Task<BrokerChannel> DeclareAsync(DurableNode node)
    {
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("orders");
        await channel.DeclareQueueAsync("payments");
        await channel.DeclareQueueAsync("output");
        return channel;
    }

    private static TransactionSettlement Ack(Delivery delivery) => new(true, delivery.DeliveryTag, false, false);

    private static TransactionPublish Output(string text) => new("", "output", Body(text), s_persistent, false);

    private static ReadOnlyMemory<byte> Body(string text) => Encoding.UTF8.GetBytes(text);

}
