using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBroker.Server.Metrics;

/// <summary>
/// Owns the node's <see cref="PrometheusExporter"/>. As a hosted service registered before the journal and
/// the broker, it is created when the host starts, so counters and histograms count from the node's first
/// measurement rather than from the first scrape; the container disposes it when the node has stopped.
/// </summary>
internal sealed class MetricsService : IHostedService, IDisposable
{
    public PrometheusExporter Exporter { get; } = new(PrometheusExporter.NodeMeters);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => Exporter.Dispose();
}

/// <summary>Registers the node's metrics.</summary>
internal static class MetricsServiceExtensions
{
    public static IServiceCollection AddNodeMetrics(this IServiceCollection services)
    {
        services.AddSingleton<MetricsService>();
        services.AddHostedService(provider => provider.GetRequiredService<MetricsService>());
        return services;
    }
}
