using ActorBroker.Cli.Amqp;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Cli.Perf;

internal sealed partial class WorkloadRun
{
    // The keys a super stream's messages are published with, one per message in turn.
    private const int SuperStreamKeys = 1000;

    // Per message in turn, for a super stream: ActorBroker's keys, or on RabbitMQ the partition's binding key.
    private string[]? _routingKeys;

    /// <summary>Declares the exchange through the first node and each queue through the node <see cref="NodeLayout.OwnerOf"/> names, which then owns it.</summary>
    private async Task DeclareAsync(List<IConnection> connections, CancellationToken cancellationToken)
    {
        var channels = new List<IChannel>();
        try
        {
            foreach (var connection in connections)
                channels.Add(await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
            if (_workload.SuperStream)
            {
                await DeclareSuperStreamAsync(connections[0], channels[0], cancellationToken).ConfigureAwait(false);
                return;
            }
            if (_exchange.Length > 0)
                await channels[0].ExchangeDeclareAsync(_exchange, ExchangeType.Fanout, _workload.Durable, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < _queues.Length; i++)
            {
                var channel = channels[_layout.OwnerOf(i)];
                await channel.QueueDeclareAsync(_queues[i], _workload.Durable, exclusive: false, autoDelete: false, _workload.QueueArguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (_exchange.Length > 0)
                    await channel.QueueBindAsync(_queues[i], _exchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (_workload.TransformInTransactions)
                    await channel.QueueDeclareAsync(OutputQueue(i), _workload.Durable, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var channel in channels)
                await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An x-super-stream exchange; on RabbitMQ, whose AMQP does not know that type, the layout its stream tools make
    /// (a direct exchange, partition streams bound with keys "0" … "N-1") and the partition chosen by the publisher.
    /// </summary>
    private async Task DeclareSuperStreamAsync(IConnection connection, IChannel channel, CancellationToken cancellationToken)
    {
        var rabbitMq = connection.ServerProperties?.TryGetValue("product", out var product) == true && product is byte[] name && name.AsSpan().SequenceEqual("RabbitMQ"u8);
        if (!rabbitMq)
        {
            var arguments = new Dictionary<string, object?> { ["x-partitions"] = _queues.Length };
            await channel.ExchangeDeclareAsync(_exchange, "x-super-stream", durable: true, autoDelete: false, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            _routingKeys = [.. Enumerable.Range(0, SuperStreamKeys).Select(k => $"key-{k}")];
            return;
        }
        await channel.ExchangeDeclareAsync(_exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _queues.Length; i++)
        {
            await channel.QueueDeclareAsync(_queues[i], durable: true, exclusive: false, autoDelete: false, _workload.QueueArguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(_queues[i], _exchange, $"{i}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        _routingKeys = [.. Enumerable.Range(0, SuperStreamKeys).Select(k => $"{k % _queues.Length}")];
    }

    /// <summary>Where the consumers of a consume–transform–produce workload publish their outputs.</summary>
    private string OutputQueue(int queue) => _queues[queue] + ".out";

    // Best effort on a connection of its own to the first node (it reaches queues on every node): the run's connections
    // may be gone when this runs, after a failure, or after a confirm the broker sent on a channel the client had
    // already closed, which makes RabbitMQ.Client close the whole connection (541, "key not present").
    private async Task DeleteAsync()
    {
        try
        {
            var connection = await BrokerConnector.ConnectAsync(_broker.Nodes[0], "actorbroker-perf-cleanup", CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
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
        }
        catch (Exception e) when (e is OperationInterruptedException or BrokerConnectionException)
        {
            // The broker refused the delete or is gone; the run's own outcome matters more than its cleanup.
        }
    }
}
