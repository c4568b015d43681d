using System.Diagnostics;
using ActorBroker.Cli.Amqp;
using RabbitMQ.Client;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// One workload against one broker: declares its own uniquely named queues (and exchange), publishes for
/// the run's duration (or its replay count first), drains, deletes what it declared, and checks every id arrived
/// exactly once per reader: a queue, each consumer of a stream with independent readers, or a whole super stream.
/// </summary>
internal sealed partial class WorkloadRun : IDisposable
{
    // A drain that makes no progress for this long is over: whatever has not arrived by then is lost.
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);

    private readonly PerfWorkload _workload;
    private readonly PerfBroker _broker;
    private readonly NodeLayout _layout;
    private readonly TimeSpan _duration;
    private readonly int _size;
    private readonly LatencyHistogram _latency = new();
    private readonly LatencyHistogram _confirmLatency = new();
    private readonly DeliveryLedger[] _ledgers;
    private readonly SemaphoreSlim[] _inFlight;
    private readonly string[] _queues;
    private readonly string _exchange;
    // The next message id per queue when queues are independent; one shared counter when each queue gets every message.
    private readonly long[] _nextIds;
    private long _toPublish;
    private long _nacked;
    private long _delivered;
    private long _lastDeliveryTimestamp;

    public WorkloadRun(PerfWorkload workload, PerfBroker broker, TimeSpan duration, int size)
    {
        _workload = workload;
        _broker = broker;
        _layout = broker.Layout;
        _duration = duration;
        _size = size;
        var prefix = $"actorbroker-perf.{workload.Name}.{Guid.NewGuid():N}";
        // A super stream's partitions are named <super stream>-<i>.
        _queues = Enumerable.Range(0, workload.Queues).Select(i => workload.SuperStream ? $"{prefix}-{i}" : $"{prefix}.q{i}").ToArray();
        var readers = workload.SuperStream ? 1 : workload.Queues * (workload.IndependentReaders ? workload.ConsumersPerQueue : 1);
        _ledgers = Enumerable.Range(0, readers).Select(_ => new DeliveryLedger()).ToArray();
        _inFlight = Enumerable.Range(0, readers).Select(_ => new SemaphoreSlim(workload.InFlightLimit, workload.InFlightLimit)).ToArray();
        var fanout = workload.Queues > 1 && !workload.SpreadOverQueues && !workload.SuperStream;
        _exchange = fanout ? prefix + ".x" : workload.SuperStream ? prefix : "";
        _nextIds = new long[workload.SpreadOverQueues ? workload.Queues : 1];
    }

    public async Task<WorkloadResult> RunAsync(IPerfProgressTask progress, CancellationToken cancellationToken)
    {
        // A publisher and a consumer connection per node; queue i and its clients use the nodes _layout names.
        var publishers = new List<IConnection>();
        var consumers = new List<IConnection>();
        try
        {
            foreach (var node in _broker.Nodes)
            {
                publishers.Add(await BrokerConnector.ConnectAsync(node, "actorbroker-perf-publisher", cancellationToken).ConfigureAwait(false));
                consumers.Add(await BrokerConnector.ConnectAsync(node, "actorbroker-perf-consumer", cancellationToken).ConfigureAwait(false));
            }
            await DeclareAsync(publishers, cancellationToken).ConfigureAwait(false);
            try
            {
                return await MeasureAsync(publishers, consumers, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await DeleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var connection in publishers.Concat(consumers))
                await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var window in _inFlight)
            window.Dispose();
    }

    private async Task<WorkloadResult> MeasureAsync(List<IConnection> publishers, List<IConnection> consumers, IPerfProgressTask progress, CancellationToken cancellationToken)
    {
        var replay = _workload.ReplayCount > 0;
        if (replay)
        {
            _toPublish = _workload.ReplayCount;
            await Task.WhenAll(Enumerable.Range(0, _workload.Publishers).Select(i => PublishAsync(publishers, i, cancellationToken))).ConfigureAwait(false);
        }
        using var stopConsuming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consuming = await StartConsumingAsync(consumers, stopConsuming.Token).ConfigureAwait(false);
        var cpu = _broker.Processes?.Read();
        var start = Stopwatch.GetTimestamp();
        _lastDeliveryTimestamp = start;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_duration);
        var publishing = replay ? Task.CompletedTask : Task.WhenAll(Enumerable.Range(0, _workload.Publishers).Select(i => PublishAsync(publishers, i, deadline.Token)));
        await WatchAsync(publishing, start, progress, cancellationToken).ConfigureAwait(false);
        var cpuAfter = _broker.Processes?.Read();
        await stopConsuming.CancelAsync().ConfigureAwait(false);
        await consuming.ConfigureAwait(false);
        await publishing.ConfigureAwait(false);
        progress.Complete();
        var result = Result(Stopwatch.GetElapsedTime(start, Volatile.Read(ref _lastDeliveryTimestamp)));
        return cpu is { } before && cpuAfter is { } after
            ? result with { Cpu = before.PerMessage(after, result.Deliveries.Received, database: _broker.Processes!.Database is not null) }
            : result;
    }

    // Reports progress while publishing, then waits until every queue has every id or the drain stalls.
    private async Task WatchAsync(Task publishing, long start, IPerfProgressTask progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(s_tick);
        var lastDelivered = -1L;
        var lastProgress = Stopwatch.GetTimestamp();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var delivered = Volatile.Read(ref _delivered);
            progress.Update(Stopwatch.GetElapsedTime(start), delivered);
            if (delivered != lastDelivered)
            {
                lastDelivered = delivered;
                lastProgress = Stopwatch.GetTimestamp();
            }
            if (publishing.IsFaulted)
                return;
            if (!publishing.IsCompleted)
                continue;
            if (Enumerable.Range(0, _ledgers.Length).All(r => _ledgers[r].Distinct >= SentTo(r)) || Stopwatch.GetElapsedTime(lastProgress) > s_drainTimeout)
                return;
        }
    }

    private WorkloadResult Result(TimeSpan elapsed)
    {
        var sent = Enumerable.Range(0, _nextIds.Length).Sum(i => Volatile.Read(ref _nextIds[i]));
        var tally = _ledgers.Select((l, q) => l.Tally(SentTo(q))).Aggregate((a, b) => new DeliveryTally(
            a.Published + b.Published, a.Received + b.Received, a.Lost + b.Lost, a.Duplicated + b.Duplicated, a.Unexpected + b.Unexpected));
        var rate = elapsed > TimeSpan.Zero ? tally.Received / elapsed.TotalSeconds : 0;
        return new WorkloadResult(_workload.Name, _broker.Name, elapsed, sent, Volatile.Read(ref _nacked), tally, rate, LatencySummary.From(_latency))
        {
            ConfirmLatency = _confirmLatency.Count > 0 ? LatencySummary.From(_confirmLatency) : null,
        };
    }

    /// <summary>How many message ids reader <paramref name="reader"/> should have: its queue's own when spread (one reader per queue), all of them else.</summary>
    private long SentTo(int reader) => Volatile.Read(ref _nextIds[_nextIds.Length == 1 ? 0 : reader]);

    /// <summary>Whose tally a delivery to this consumer of this queue counts in.</summary>
    private int ReaderOf(int queue, int consumer) =>
        _workload.SuperStream ? 0 : _workload.IndependentReaders ? (queue * _workload.ConsumersPerQueue) + consumer : queue;

    private void OnDelivery(ReadOnlySpan<byte> body, int reader)
    {
        if (!PerfMessage.TryRead(body, _workload.JsonBodies, out var id, out var sentTimestamp))
        {
            _ledgers[reader].RecordMalformed();
            return;
        }
        _latency.Record(PerfMessage.NanosecondsSince(sentTimestamp));
        if (!_ledgers[reader].Record(id))
            return;
        Interlocked.Increment(ref _delivered);
        Volatile.Write(ref _lastDeliveryTimestamp, Stopwatch.GetTimestamp());
        // A replay publishes everything before anyone consumes: it takes no in-flight slots.
        if (_workload.ReplayCount == 0)
            _inFlight[reader].Release();
    }
}
