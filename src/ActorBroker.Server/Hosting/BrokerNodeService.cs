using ActorBroker.Actors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Hosting;

/// <summary>Owns the node's actor system: starts it with the host and terminates it gracefully on shutdown.</summary>
internal sealed partial class BrokerNodeService(NodeSettings settings, ILogger<BrokerNodeService> logger) : IHostedService
{
    private ActorSystem? _system;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateDirectory(settings.DataDirectory).FullName;
        _system = ActorSystem.Create("actorbroker", ActorSystemSettings.Default with
        {
            Throughput = settings.DispatcherThroughput,
        });
        LogStarted(logger, settings.NodeName, dataDirectory);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null)
            return;
        await _system.Terminate().WaitAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(logger, settings.NodeName);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Node {NodeName} started: actor system up, data directory {DataDirectory}. No listener yet: the AMQP listener comes with the node issue.")]
    private static partial void LogStarted(ILogger logger, string nodeName, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeName} stopped: actor system terminated.")]
    private static partial void LogStopped(ILogger logger, string nodeName);
}
