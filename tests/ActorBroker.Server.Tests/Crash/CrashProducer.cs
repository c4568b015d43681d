using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// Publishes persistent messages to the crash queues in turn, with up to <see cref="Window"/> of them unconfirmed,
/// until its connection dies. Confirms are matched to messages by publish sequence number (basic.ack multiple
/// settles every number up to its tag), so the messages leave in sequence order however many are outstanding.
/// </summary>
internal sealed class CrashProducer : IDisposable
{
    private const int Window = 32;

    private readonly CrashLedger _ledger;
    private readonly int _round;
    private readonly SortedDictionary<ulong, (MessageId Id, long SentAt)> _unconfirmed = [];
    private readonly SemaphoreSlim _window = new(Window);
    private readonly CancellationTokenSource _closed = new();

    private CrashProducer(CrashLedger ledger, int round) => (_ledger, _round) = (ledger, round);

    public static async Task RunAsync(IConnection connection, CrashLedger ledger, int round, int producer)
    {
        using var publisher = new CrashProducer(ledger, round);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false);
        await using var channel = await connection.CreateChannelAsync(options);
        channel.BasicAcksAsync += publisher.OnAckAsync;
        channel.BasicNacksAsync += publisher.OnNackAsync;
        channel.ChannelShutdownAsync += (_, _) => publisher._closed.CancelAsync();
        await publisher.PublishUntilClosedAsync(channel, producer);
    }

    private async Task PublishUntilClosedAsync(IChannel channel, int producer)
    {
        for (var sequence = 0L; ; sequence++)
        {
            await _window.WaitAsync(_closed.Token);
            var id = new MessageId(_round, producer, sequence, (int)(sequence % CrashRound.Queues));
            var number = await channel.GetNextPublishSequenceNumberAsync(_closed.Token);
            lock (_unconfirmed)
            {
                // Stamped before sending: whatever a consumer saw before this stamp happened before the queue takes this message.
                _unconfirmed[number] = (id, _ledger.Tick());
            }

            var properties = new BasicProperties { Persistent = true, MessageId = id.ToString() };
            await channel.BasicPublishAsync("", CrashRound.QueueName(id.Queue), mandatory: true, properties, Encoding.UTF8.GetBytes(id.ToString()), _closed.Token);
        }
    }

    private Task OnAckAsync(object sender, BasicAckEventArgs e)
    {
        foreach (var (id, sentAt) in Settle(e.DeliveryTag, e.Multiple))
        {
            _ledger.Confirm(id, _round, sentAt);
        }

        return Task.CompletedTask;
    }

    // A nacked message carries no promise; the node nacks only when its journal fails, which this test never causes.
    private Task OnNackAsync(object sender, BasicNackEventArgs e)
    {
        _ = Settle(e.DeliveryTag, e.Multiple);
        return Task.CompletedTask;
    }

    private List<(MessageId Id, long SentAt)> Settle(ulong tag, bool multiple)
    {
        List<(MessageId, long)> settled = [];
        lock (_unconfirmed)
        {
            foreach (var number in _unconfirmed.Keys.TakeWhile(n => n <= tag).Where(n => multiple || n == tag).ToList())
            {
                settled.Add(_unconfirmed[number]);
                _unconfirmed.Remove(number);
            }
        }

        if (settled.Count > 0)
        {
            _window.Release(settled.Count);
        }

        return settled;
    }

    public void Dispose()
    {
        _window.Dispose();
        _closed.Dispose();
    }
}
