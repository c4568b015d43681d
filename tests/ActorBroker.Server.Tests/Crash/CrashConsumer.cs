using System.Threading.Channels;
using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// Consumes one crash queue with manual acks, acking every <see cref="AckEvery"/>th delivery with multiple=true,
/// so a kill finds deliveries unacked. After every <see cref="BarrierEvery"/> acked deliveries it sends basic.get
/// on the same channel: the node passes acks and gets of a channel to the queue in order, so the get's reply
/// proves the queue has handled the acks before it. (A publish is no such barrier: it goes
/// to the queue directly, while acks go through the channel.)
/// </summary>
internal static class CrashConsumer
{
    private const int AckEvery = 8;
    private const int BarrierEvery = 32;
    private const ushort Prefetch = 64;

    public static async Task ConsumeAsync(IConnection connection, CrashLedger ledger, int round, int queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, Prefetch, global: false);
        var deliveries = Channel.CreateUnbounded<(ulong Tag, MessageId Id)>(new UnboundedChannelOptions { SingleReader = true });
        channel.ChannelShutdownAsync += (_, _) =>
        {
            deliveries.Writer.TryComplete();
            return Task.CompletedTask;
        };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            var id = MessageId.Parse(e.BasicProperties.MessageId);
            ledger.See(id, round, e.DeliveryTag, e.Redelivered);
            deliveries.Writer.TryWrite((e.DeliveryTag, id));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(CrashRound.QueueName(queue), autoAck: false, consumer);

        var (unacked, unproven) = (new List<MessageId>(), new List<MessageId>());
        await foreach (var (tag, id) in deliveries.Reader.ReadAllAsync())
        {
            unacked.Add(id);
            if (unacked.Count < AckEvery)
            {
                continue;
            }

            await channel.BasicAckAsync(tag, multiple: true);
            unproven.AddRange(unacked);
            unacked.Clear();
            if (unproven.Count < BarrierEvery)
            {
                continue;
            }

            var got = await channel.BasicGetAsync(CrashRound.QueueName(queue), autoAck: false);
            ledger.AcksApplied(unproven, round);
            unproven.Clear();
            if (got is not null)
            {
                var gotId = MessageId.Parse(got.BasicProperties.MessageId);
                ledger.See(gotId, round, got.DeliveryTag, got.Redelivered);
                // Acked alone: the consumer's deliveries still unacked have smaller tags.
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false);
                unproven.Add(gotId);
            }
        }
    }

    /// <summary>Gets and acks every message of the queue until it is empty (nothing else consumes it meanwhile).</summary>
    public static async Task DrainAsync(IConnection connection, CrashLedger ledger, int round, int queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(CrashRound.QueueName(queue), autoAck: false) is { } got)
        {
            ledger.See(MessageId.Parse(got.BasicProperties.MessageId), round, got.DeliveryTag, got.Redelivered);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false);
        }
    }
}
