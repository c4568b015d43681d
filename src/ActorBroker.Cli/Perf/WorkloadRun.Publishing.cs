using RabbitMQ.Client;

namespace ActorBroker.Cli.Perf;

internal sealed partial class WorkloadRun
{
    private async Task PublishAsync(List<IConnection> connections, int publisher, CancellationToken deadline)
    {
        // Spread: this publisher's own queue, through the default exchange; else the one queue or the fanout.
        var spread = _nextIds.Length > 1;
        var target = spread ? publisher % _queues.Length : 0;
        var routingKey = _exchange.Length > 0 ? "" : _queues[target];
        var connection = connections[_layout.ClientsOf(target)];
        // Spread: one reader per queue; else every reader gets every message (or one tally for a super stream).
        var windows = _workload.ReplayCount > 0 ? [] : spread ? [_inFlight[target]] : _inFlight;
        var replay = _workload.ReplayCount > 0;
        using var confirms = _workload.OutstandingConfirms > 0 ? new ConfirmWindow(_workload.OutstandingConfirms, _confirmLatency) : null;
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: confirms is not null, publisherConfirmationTrackingEnabled: false);
        var channel = await connection.CreateChannelAsync(options, CancellationToken.None).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            if (confirms is not null)
            {
                channel.BasicAcksAsync += (_, e) =>
                {
                    confirms.Confirm(e.DeliveryTag, e.Multiple, ack: true);
                    return Task.CompletedTask;
                };
                channel.BasicNacksAsync += (_, e) =>
                {
                    confirms.Confirm(e.DeliveryTag, e.Multiple, ack: false);
                    return Task.CompletedTask;
                };
            }
            var properties = new BasicProperties { DeliveryMode = _workload.Durable ? DeliveryModes.Persistent : DeliveryModes.Transient };
            // One header table, its id replaced per message: the client serializes it before the publish completes.
            var headers = _workload.DeduplicationIds ? new Dictionary<string, object?>() : null;
            properties.Headers = headers;
            var body = new byte[_workload.JsonBodies ? Math.Max(_size, PerfMessage.JsonMinimumSize) : _size];
            try
            {
                while (!deadline.IsCancellationRequested && (!replay || Interlocked.Decrement(ref _toPublish) >= 0))
                {
                    if (confirms is not null)
                        await confirms.WaitAsync(deadline).ConfigureAwait(false);
                    foreach (var window in windows)
                        await window.WaitAsync(deadline).ConfigureAwait(false);
                    var id = Interlocked.Increment(ref _nextIds[target]) - 1;
                    if (_workload.JsonBodies)
                        PerfMessage.StampJson(body, id);
                    else
                        PerfMessage.Stamp(body, id);
                    if (headers is not null)
                        headers["x-deduplication-header"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    confirms?.Publishing();
                    // The client copies the body into its frame buffer before the publish completes, so one buffer serves every message.
                    await channel.BasicPublishAsync(_exchange, _routingKeys?[id % _routingKeys.Length] ?? routingKey, mandatory: false, properties, body, CancellationToken.None).ConfigureAwait(false);
                }
                // A replay reads only what the broker confirmed.
                if (replay && confirms is not null)
                    await confirms.WaitForAllAsync(deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // The run's duration is over.
            }
            if (confirms is not null)
                Interlocked.Add(ref _nacked, confirms.Nacked);
        }
    }
}
