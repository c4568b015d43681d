using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Cli.Perf;

internal sealed partial class WorkloadRun
{
    private const ushort Prefetch = 1000;
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryModes.Persistent };

    /// <summary>Starts every consumer; the returned task ends, with their channels closed, once <paramref name="stop"/> fires.</summary>
    private async Task<Task> StartConsumingAsync(List<IConnection> connections, CancellationToken stop)
    {
        if (_workload.Pull)
            return Task.WhenAll(_queues.Select((_, queue) => PullAsync(connections[_layout.ClientsOf(queue)], queue, stop)));
        var channels = new List<IChannel>();
        for (var queue = 0; queue < _queues.Length; queue++)
        {
            for (var i = 0; i < _workload.ConsumersPerQueue; i++)
                channels.Add(await SubscribeAsync(connections[_layout.ClientsOf(queue)], queue, ReaderOf(queue, i), stop).ConfigureAwait(false));
        }
        return CloseWhenStoppedAsync(channels, stop);
    }

    private async Task<IChannel> SubscribeAsync(IConnection connection, int queue, int reader, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (_workload.ManualAck)
            await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        if (_workload.TransformInTransactions)
        {
            await channel.TxSelectAsync(cancellationToken).ConfigureAwait(false);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                await channel.BasicPublishAsync("", OutputQueue(queue), mandatory: false, s_persistent, delivery.Body, CancellationToken.None).ConfigureAwait(false);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
                await channel.TxCommitAsync(CancellationToken.None).ConfigureAwait(false);

                // Counted once committed, so the rate and the latency are those of whole transactions.
                OnDelivery(delivery.Body.Span, reader);
            };
        }
        else
        {
            consumer.ReceivedAsync += (_, delivery) =>
            {
                OnDelivery(delivery.Body.Span, reader);
                return _workload.ManualAck
                    ? channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).AsTask()
                    : Task.CompletedTask;
            };
        }
        await channel.BasicConsumeAsync(_queues[queue], autoAck: !_workload.ManualAck, "", noLocal: false, exclusive: false, _workload.ConsumeArguments, consumer, cancellationToken).ConfigureAwait(false);
        return channel;
    }

    private static async Task CloseWhenStoppedAsync(List<IChannel> channels, CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is how a consumer's run ends.
        }
        foreach (var channel in channels)
            await channel.DisposeAsync().ConfigureAwait(false);
    }

    private async Task PullAsync(IConnection connection, int queue, CancellationToken stop)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: stop).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var result = await channel.BasicGetAsync(_queues[queue], autoAck: true, stop).ConfigureAwait(false);
                    if (result is not null)
                        OnDelivery(result.Body.Span, ReaderOf(queue, 0));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping is how a consumer's run ends.
            }
        }
    }
}
