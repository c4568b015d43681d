namespace ActorBroker.Server.Tests.Crash;

/// <summary>Publishes persistent messages to the crash queues in turn, one confirm at a time, until its connection dies.</summary>
internal static class CrashProducer
{
    public static async Task RunAsync(IConnection connection, CrashLedger ledger, int round, int producer)
    {
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options);
        for (var sequence = 0L; ; sequence++)
        {
            var id = new MessageId(round, producer, sequence, (int)(sequence % CrashRound.Queues));
            var properties = new BasicProperties { Persistent = true, MessageId = id.ToString() };
            // Stamped before sending: whatever a consumer saw before this stamp happened before the queue takes this message.
            var sentAt = ledger.Tick();
            await channel.BasicPublishAsync("", CrashRound.QueueName(id.Queue), mandatory: true, properties, Encoding.UTF8.GetBytes(id.ToString()));
            ledger.Confirm(id, round, sentAt);
        }
    }
}
