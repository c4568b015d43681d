using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Broker.Tests.Transactions;

/// <summary>
/// A committed effect that its queue could not store (the write failed: disk full, database down), an output or an ack
/// in another queue, is sent again until it is stored. It used to count as done like an output the queue refused: the
/// commit was journaled as forwarded and the client heard commit-ok while the effect lived in memory only, and a
/// restart lost the output or brought the acked message back.
/// </summary>
public sealed class FailedWriteWhileForwardingTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private static readonly QueueDeclaration s_deduplicating = new(Arguments: new Headers { ["x-message-deduplication"] = true });
    private readonly DurableTempFile _file = new();
    private readonly DurableTempFile _killed = new();

    public void Dispose()
    {
        _file.Dispose();
        _killed.Dispose();
    }

    [Fact]
    public async Task An_output_whose_write_failed_is_stored_before_the_commit_answers_and_survives_a_kill()
    {
        FaultyJournal? journal = null;
        await using (var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store)))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("work", s_deduplicating);

            // The queue's first row is the commit record, its second the output: that write fails.
            journal!.FailOnce = write => write.PersistenceId.StartsWith("queue/", StringComparison.Ordinal) && write.Events[0].SequenceNr == 2;
            Assert.True(await channel.CommitAtomicallyAsync([Output("committed")], []));
            Assert.Null(journal.FailOnce);

            // Confirmed once the write holding it is durable, and with it the record that the commit was forwarded.
            Assert.True(await channel.PublishAsync("", "work", Encoding.UTF8.GetBytes("after"), s_persistent));
            DurableNode.ExecuteSql(_file.Path, $"VACUUM INTO '{_killed.Path}'");
        }

        await using var restarted = await DurableNode.StartAsync(_killed.Path, afterCrash: true);
        await restarted.Broker.WaitForQueueRecoveryAsync(CancellationToken.None);
        Assert.Equal(["committed", "after"], await (await restarted.OpenChannelAsync()).DrainAsync("work"));
    }

    [Fact]
    public async Task An_ack_in_another_queue_whose_write_failed_is_stored_before_the_commit_answers_and_stays_acked_after_a_kill()
    {
        FaultyJournal? journal = null;
        await using (var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store)))
        {
            var channel = await node.OpenChannelAsync();
            foreach (var queue in (string[])["orders", "payments", "work"])
            {
                await channel.DeclareQueueAsync(queue);
            }

            Assert.True(await channel.PublishAsync("", "orders", Encoding.UTF8.GetBytes("order"), s_persistent));
            Assert.True(await channel.PublishAsync("", "payments", Encoding.UTF8.GetBytes("payment"), s_persistent));
            var order = (await channel.GetAsync("orders")).Delivery!;
            var payment = (await channel.GetAsync("payments")).Delivery!;

            // Confirmed once the payments queue's earlier records (the delivery's) are durable: its next write holds the ack.
            Assert.True(await channel.PublishAsync("", "payments", Encoding.UTF8.GetBytes("later"), s_persistent));
            journal!.FailOnce = write => write.PersistenceId.StartsWith("queue///payments/", StringComparison.Ordinal);
            Assert.True(await channel.CommitAtomicallyAsync([Output("paid")], [Ack(order), Ack(payment)]));
            Assert.Null(journal.FailOnce);

            // Confirmed once the write holding it is durable, and with it the record that the commit was forwarded.
            Assert.True(await channel.PublishAsync("", "orders", Encoding.UTF8.GetBytes("after"), s_persistent));
            DurableNode.ExecuteSql(_file.Path, $"VACUUM INTO '{_killed.Path}'");
        }

        await using var restarted = await DurableNode.StartAsync(_killed.Path, afterCrash: true);
        await restarted.Broker.WaitForQueueRecoveryAsync(CancellationToken.None);
        var again = await restarted.OpenChannelAsync();
        Assert.Equal(["later"], await again.DrainAsync("payments"));
        Assert.Equal(["paid"], await again.DrainAsync("work"));
    }

    private static TransactionSettlement Ack(Delivery delivery) => new(true, delivery.DeliveryTag, false, false);

    // The id makes the repeat a duplicate wherever the first attempt was stored after all.
    private static TransactionPublish Output(string body) =>
        new("", "work", Encoding.UTF8.GetBytes(body), s_persistent with { Headers = new Headers { ["x-deduplication-header"] = body } }, false);
}
