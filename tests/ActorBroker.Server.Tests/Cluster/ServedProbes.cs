using System.Diagnostics;
using System.Globalization;
using ActorBroker.Server.Tests.Crash;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// A steady stream of probes through one node: a persistent message with its own confirm every 20 ms into a queue, and
/// a getter that takes them out as they come, on connections of their own. Each probe taken is a moment the queue
/// served; the longest gap between two of them around a leave is the queue's rebalance pause as a client sees it.
/// "The first probe served after the SIGTERM" undercounts it: the leaving node still serves in its first moments, and
/// the pause comes after.
/// </summary>
internal sealed class ServedProbes : IAsyncDisposable
{
    private static readonly TimeSpan s_publishEvery = TimeSpan.FromMilliseconds(20);

    // A get the broker leaves unanswered is given up after this long, on a new connection: a get that reached a stopped
    // queue used to wait for the broker's 10 s operation timeout, and this bounds what one such get adds to the gap.
    private static readonly TimeSpan s_getAttempt = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan s_afterRefusal = TimeSpan.FromMilliseconds(20);

    private readonly int _port;
    private readonly string _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _served = [];
    private Task _publishing = Task.CompletedTask;
    private Task _getting = Task.CompletedTask;

    private ServedProbes(int port, string queue) => (_port, _queue) = (port, queue);

    /// <summary>The clock of <see cref="LongestGap"/>, started with the stream.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>How many gets a broker left unanswered, or answered with a closed channel (a stopped queue's 404).</summary>
    public int RefusedGets { get; private set; }

    /// <summary>Starts publishing to and getting from <paramref name="queue"/> through the node at <paramref name="port"/>.</summary>
    public static ServedProbes Start(int port, string queue)
    {
        var probes = new ServedProbes(port, queue);
        probes._publishing = probes.PublishAsync();
        probes._getting = probes.GetAsync();
        return probes;
    }

    /// <summary>Waits until a probe is served after <paramref name="moment"/> (on <see cref="Clock"/>).</summary>
    public async Task ServedAfterAsync(TimeSpan moment, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (LastServed() is not { } last || last <= moment)
        {
            Assert.True(waited.Elapsed < timeout, $"no probe served within {timeout.TotalSeconds} s after {moment.TotalSeconds:F2} s (probes: publishing {_publishing.Status}, getting {_getting.Status})");
            Assert.False(_publishing.IsFaulted || _getting.IsFaulted, $"the probes failed: {_publishing.Exception ?? _getting.Exception}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The longest time between two probes served from <paramref name="from"/> on, and where it started; from the first
    /// probe served when none was before <paramref name="from"/> (the stream had not started serving: no gap to see).
    /// </summary>
    public (TimeSpan Gap, TimeSpan Start) LongestGap(TimeSpan from)
    {
        lock (_lock)
        {
            var (gap, start) = (TimeSpan.Zero, from);
            var previous = _served.LastOrDefault(t => t <= from, _served.Count > 0 ? _served[0] : from);
            foreach (var served in _served.Where(t => t > from))
            {
                if (served - previous > gap)
                {
                    (gap, start) = (served - previous, previous);
                }

                previous = served;
            }

            return (gap, start);
        }
    }

    private TimeSpan? LastServed()
    {
        lock (_lock)
        {
            return _served.Count == 0 ? null : _served[^1];
        }
    }

    private async Task PublishAsync()
    {
        await using var connection = await CrashRound.Factory(_port).CreateConnectionAsync("probe publisher");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var pending = new List<Task>();
        for (var sequence = 0; !_stop.IsCancellationRequested; sequence++)
        {
            // A probe the lost queue refuses (nacked) is simply not served; its confirm is not awaited in turn.
            pending.RemoveAll(p => p.IsCompleted);
            pending.Add(PublishProbeAsync(channel, sequence));
            await Task.Delay(s_publishEvery);
        }

        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private async Task PublishProbeAsync(IChannel channel, int sequence)
    {
        try
        {
            await channel.BasicPublishAsync("", _queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)));
        }
        catch (PublishException)
        {
        }
    }

    private async Task GetAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await CrashRound.Factory(_port).CreateConnectionAsync("probe getter");
            var unanswered = false;
            try
            {
                unanswered = await GetUntilRefusedAsync(connection);
            }
            finally
            {
                // Closing waits for an unanswered get: that connection closes in the background.
                var closing = connection.DisposeAsync().AsTask();
                if (!unanswered)
                {
                    await closing;
                }
            }
        }
    }

    /// <summary>Gets on channels of <paramref name="connection"/> until stopped (false) or a get goes unanswered (true).</summary>
    private async Task<bool> GetUntilRefusedAsync(IConnection connection)
    {
        while (!_stop.IsCancellationRequested)
        {
            IChannel? channel = null;
            try
            {
                channel = await connection.CreateChannelAsync();
                while (!_stop.IsCancellationRequested)
                {
                    // Not a cancellation token: RabbitMQ.Client waits for the reply of a get once it is sent.
                    if (await channel.BasicGetAsync(_queue, autoAck: true).WaitAsync(s_getAttempt) is null)
                    {
                        await Task.Delay(5);
                        continue;
                    }

                    lock (_lock)
                    {
                        _served.Add(Clock.Elapsed);
                    }
                }
            }
            catch (TimeoutException)
            {
                // Left open: closing it would wait for the unanswered get; the connection closes in the background.
                channel = null;
                RefusedGets++;
                return true;
            }
            catch (OperationInterruptedException)
            {
                // A get that reached a stopped queue closes its channel with 404: ask again on a new channel (on a new
                // connection if the broker closed this one), after a pause that spares the loaded machine a busy loop.
                RefusedGets++;
                if (!connection.IsOpen)
                {
                    return false;
                }

                await Task.Delay(s_afterRefusal);
            }
            finally
            {
                if (channel is not null)
                {
                    await channel.DisposeAsync();
                }
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_publishing, _getting);
        _stop.Dispose();
    }
}
