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
    private readonly List<AmqpListener> _listeners = [];

    /// <summary>Where the plain listener listens (the TLS one when there is no plain one); null until started.</summary>
    public System.Net.IPEndPoint? EndPoint => _listeners.FirstOrDefault()?.EndPoint;

    /// <summary>Where the TLS listener listens; null until started, and always without TLS.</summary>
    public System.Net.IPEndPoint? TlsEndPoint => settings.Tls is null ? null : _listeners.LastOrDefault()?.EndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var broker = node.Broker ?? throw new InvalidOperationException("The broker must be started before its AMQP listener.");
        var limits = new ConnectionLimits(settings.MaxConnections, settings.MaxConnectionsPerUser, settings.MaxConnectionsPerVirtualHost);
        var gated = settings with { Server = settings.Server with { PublishGate = publishGate, Registry = registry, Admission = limits } };
        if (settings.Plain)
        {
            Start(new AmqpListener(gated, broker, users, listenerLogger, limits: limits), settings.Port, "AMQP 0-9-1");
        }

        if (settings.Tls is { } tls)
        {
            Start(new AmqpListener(gated, broker, users, listenerLogger, tls, limits), tls.Port, "AMQP 0-9-1 over TLS");
        }

        var listening = _listeners.ToList();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "amqp-listener-close-connections", async () =>
        {
            await Task.WhenAll(listening.Select(l => l.StopAsync())).ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        readiness.ListenersStarted();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listeners.Count > 0)
        {
            await Task.WhenAll(_listeners.Select(l => l.StopAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
            LogStopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Start(AmqpListener listener, int port, string protocol)
    {
        _listeners.Add(listener);
        try
        {
            listener.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new NodeStartException($"the {protocol} listener cannot listen on {settings.Host}:{port} (actorbroker.amqp): {e.Message}", e);
        }

        LogListening(logger, protocol, listener.EndPoint);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Protocol} listener on {EndPoint}.")]
    private static partial void LogListening(ILogger logger, string protocol, System.Net.IPEndPoint endPoint);

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
