using ActorBroker.Amqp.Server;
using ActorBroker.Server.Hosting;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// Runs the node's AMQP listener over the node's broker. Registered after the broker's service, so it starts
/// once the broker has recovered and stops first: clients get connection.close 320 while the broker still runs.
/// A CoordinatedShutdown started elsewhere closes the connections the same way, in its service-unbind phase.
/// </summary>
internal sealed partial class AmqpListenerService(
    AmqpListenerSettings settings,
    ConfiguredUsers users,
    BrokerNodeService node,
    NodeReadiness readiness,
    PublishGate publishGate,
    AmqpConnectionRegistry registry,
    ActorSystem system,
    ILogger<AmqpListener> listenerLogger,
    ILogger<AmqpListenerService> logger)
    : IHostedService, IAsyncDisposable
{
    private AmqpListener? _listener;

    /// <summary>Where the listener listens; null until started.</summary>
    public System.Net.IPEndPoint? EndPoint => _listener?.EndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var broker = node.Broker ?? throw new InvalidOperationException("The broker must be started before its AMQP listener.");
        var gated = settings with { Server = settings.Server with { PublishGate = publishGate, Registry = registry } };
        _listener = new AmqpListener(gated, broker, users, listenerLogger);
        try
        {
            _listener.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException($"The AMQP listener cannot listen on {settings.Host}:{settings.Port}: {e.Message}", e);
        }

        var listening = _listener;
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "amqp-listener-close-connections", async () =>
        {
            await listening.StopAsync().ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        LogListening(logger, _listener.EndPoint);
        readiness.ListenersStarted();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is { } listener)
        {
            await listener.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            LogStopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is { } listener)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP 0-9-1 listener on {EndPoint}.")]
    private static partial void LogListening(ILogger logger, System.Net.IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP listener stopped; connections were closed with 320 (connection-forced).")]
    private static partial void LogStopped(ILogger logger);
}

/// <summary>Adds the node's broker service and its AMQP listener, in the order they must start.</summary>
internal static class AmqpListenerRegistration
{
    public static IServiceCollection AddBrokerNodeWithAmqp(this IServiceCollection services, AmqpListenerSettings settings, ConfiguredUsers users)
    {
        services.TryAddSingleton<NodeReadiness>();
        services.AddSingleton<BrokerNodeService>();
        services.AddHostedService(provider => provider.GetRequiredService<BrokerNodeService>());
        services.AddSingleton(settings);
        services.AddSingleton(users);
        services.AddSingleton<AmqpConnectionRegistry>();
        services.AddHostedService<AmqpListenerService>();
        return services;
    }
}
