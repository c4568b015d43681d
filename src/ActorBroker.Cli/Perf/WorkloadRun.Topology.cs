using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Cli.Perf;

internal sealed partial class WorkloadRun
{
    private async Task DeclareAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            if (_exchange.Length > 0)
                await channel.ExchangeDeclareAsync(_exchange, ExchangeType.Fanout, _workload.Durable, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var queue in _queues)
            {
                await channel.QueueDeclareAsync(queue, _workload.Durable, exclusive: false, autoDelete: false, _workload.QueueArguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (_exchange.Length > 0)
                    await channel.QueueBindAsync(queue, _exchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            for (var queue = 0; queue < _queues.Length && _workload.TransformInTransactions; queue++)
                await channel.QueueDeclareAsync(OutputQueue(queue), _workload.Durable, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the consumers of a consume–transform–produce workload publish their outputs.</summary>
    private string OutputQueue(int queue) => _queues[queue] + ".out";

    // Best effort on a fresh channel: the run's own channels may be gone when this runs after a failure.
    private async Task DeleteAsync(IConnection connection)
    {
        if (!connection.IsOpen)
            return;
        try
        {
            var channel = await connection.CreateChannelAsync().ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                foreach (var queue in _queues)
                    await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false).ConfigureAwait(false);
                for (var queue = 0; queue < _queues.Length && _workload.TransformInTransactions; queue++)
                    await channel.QueueDeleteAsync(OutputQueue(queue), ifUnused: false, ifEmpty: false).ConfigureAwait(false);
                if (_exchange.Length > 0)
                    await channel.ExchangeDeleteAsync(_exchange, ifUnused: false).ConfigureAwait(false);
            }
        }
        catch (OperationInterruptedException)
        {
            // The broker refused the delete; the run's own outcome matters more than its cleanup.
        }
    }
}
