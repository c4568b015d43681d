using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>A persistent message consumed and acked while its write still waits for the queue's previous one is never written.</summary>
public sealed class ConsumedBeforeWrittenTests : IDisposable
{
    private const int LargeBody = 20_000;
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_message_consumed_before_its_write_went_out_is_confirmed_never_written_and_does_not_come_back()
    {
        FaultyJournal? journal = null;
        await using (var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store)))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("quick");
            Assert.True(await channel.PublishAsync("", "quick", Encoding.UTF8.GetBytes("first"), s_persistent));
            var first = (await channel.GetAsync("quick")).Delivery!;

            // The ack's write is held on its way, so what the queue journals next waits in its open write.
            var disk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            journal!.WriteGate = disk;
            channel.Ack(first.DeliveryTag);
            await journal.WriteHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var confirmed = channel.PublishAsync("", "quick", new byte[LargeBody], s_persistent);
            Assert.Equal(LargeBody, (await GetWithinAsync(channel, "quick", TimeSpan.FromSeconds(30))).Body.Length);

            journal.WriteGate = null;
            disk.SetResult();
            Assert.True(await confirmed.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.True(DurableNode.QueueJournalBytes(_file.Path) < LargeBody, $"the queue journal holds {DurableNode.QueueJournalBytes(_file.Path)} bytes");
        await using var restarted = await DurableNode.StartAsync(_file.Path);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await restarted.Broker.WaitForQueueRecoveryAsync(wait.Token);
        Assert.Equal(0, (await restarted.Broker.Admin.GetQueueAsync("/", "quick")).Ready);
    }

    // The publish goes straight to the queue, the get through the channel: the get may arrive first.
    private static async Task<Delivery> GetWithinAsync(BrokerChannel channel, string queue, TimeSpan timeout)
    {
        Delivery? delivery = null;
        await Eventually.HoldsAsync(async () => (delivery = (await channel.GetAsync(queue, autoAck: true)).Delivery) is not null, timeout, () => $"nothing to get from {queue}");
        return delivery!;
    }
}
