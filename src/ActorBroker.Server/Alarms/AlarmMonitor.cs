using ActorBroker.Amqp.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorBroker.Server.Alarms;

/// <summary>
/// Samples memory and disk every <see cref="AlarmSettings.CheckInterval"/> and sets or clears the node's
/// resource alarms, with RabbitMQ's plain semantics: an alarm is set while its resource is past the limit and
/// cleared at the first sample that is not. While any alarm is set the <see cref="PublishGate"/> is blocked.
/// Each change is logged.
/// </summary>
public sealed partial class AlarmMonitor : IAsyncDisposable
{
    private readonly AlarmSettings _settings;
    private readonly IResourceProbe _probe;
    private readonly PublishGate _gate;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _sampling = Task.CompletedTask;
    private int _active;

    public AlarmMonitor(AlarmSettings settings, IResourceProbe probe, PublishGate gate, ILogger<AlarmMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(gate);
        _settings = settings;
        _probe = probe;
        _gate = gate;
        _logger = logger ?? NullLogger<AlarmMonitor>.Instance;
    }

    /// <summary>The alarms set at the last sample.</summary>
    public ResourceAlarms Active => (ResourceAlarms)Volatile.Read(ref _active);

    /// <summary>Samples once now, then every check interval until <see cref="StopAsync"/>.</summary>
    public void Start()
    {
        Check();
        _sampling = SampleLoopAsync(_stopping.Token);
    }

    /// <summary>Stops sampling; the alarms and the gate stay as they were.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Takes one sample and sets or clears the alarms (and blocks or opens the gate) to match.</summary>
    public void Check()
    {
        var previous = Active;
        var now = CheckMemory(previous) | CheckDisk(previous);
        if (now == previous)
        {
            return;
        }

        Volatile.Write(ref _active, (int)now);
        if (now == ResourceAlarms.None)
        {
            _gate.Unblock();
            LogPublishersUnblocked(_logger);
        }
        else
        {
            _gate.Block(ReasonFor(now));
        }
    }

    // RabbitMQ's reason texts, which client libraries show to their users as they are.
    private static string ReasonFor(ResourceAlarms alarms) => alarms switch
    {
        ResourceAlarms.Memory => "low on memory",
        ResourceAlarms.Disk => "low on disk space",
        _ => "low on memory and disk space",
    };

    private async Task SampleLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_settings.CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                Check();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
