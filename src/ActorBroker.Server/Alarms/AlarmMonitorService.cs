using ActorBroker.Amqp.Server;
using ActorBroker.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Alarms;

/// <summary>Runs the node's <see cref="AlarmMonitor"/> over the real memory and the data directory's disk.</summary>
internal sealed class AlarmMonitorService(AlarmSettings settings, NodeSettings node, PublishGate gate, ILogger<AlarmMonitor> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly AlarmMonitor _monitor = new(settings, new SystemResourceProbe(node.DataDirectory), gate, logger);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _monitor.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _monitor.StopAsync();

    public ValueTask DisposeAsync() => _monitor.DisposeAsync();
}

/// <summary>Adds the resource alarms: the node's <see cref="PublishGate"/> and the monitor that drives it.</summary>
internal static class AlarmRegistration
{
    public static IServiceCollection AddResourceAlarms(this IServiceCollection services, AlarmSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<PublishGate>();
        services.AddHostedService<AlarmMonitorService>();
        return services;
    }
}
