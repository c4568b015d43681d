using ActorBroker.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Management;

/// <summary>Runs the <see cref="ManagementServer"/> with the node: started first, before the broker's recovery.</summary>
internal sealed partial class ManagementService(
    ManagementSettings settings,
    IServiceCollection nodeServices,
    IServiceProvider node,
    ILogger<ManagementService> logger) : IHostedService, IAsyncDisposable
{
    private ManagementServer? _server;

    /// <summary>Where the API listens (plain HTTP, else HTTPS); null until started, and always when disabled.</summary>
    public Uri? BaseAddress => _server?.BaseAddress;

    /// <summary>Every address the API listens on; empty until started.</summary>
    public IReadOnlyList<string> Addresses => _server?.Addresses ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        _server = ManagementServer.Create(settings, nodeServices, node);
        try
        {
            await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NodeStartException($"the management API cannot listen on {settings.Host}:{settings.Port} (actorbroker.management): {e.Message}", e);
        }

        foreach (var address in _server.Addresses)
        {
            LogListening(logger, address);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP management listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP management disabled (actorbroker.management.enabled = false).")]
    private static partial void LogDisabled(ILogger logger);
}

/// <summary>Adds the management API. Call it before the broker's services: hosted services start in order.</summary>
internal static class ManagementRegistration
{
    public static IServiceCollection AddManagement(this IServiceCollection services, ManagementSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<NodeReadiness>();
        services.AddSingleton(provider => new ManagementService(
            settings, services, provider, provider.GetRequiredService<ILogger<ManagementService>>()));
        services.AddHostedService(provider => provider.GetRequiredService<ManagementService>());
        return services;
    }
}
