using ActorBroker.Broker.Client;
using ActorBroker.Server.Hosting;

namespace ActorBroker.Server.Management;

/// <summary>The broker for routes that need it.</summary>
public static class ReadinessExtensions
{
    /// <summary>The node's broker once the node is ready.</summary>
    /// <exception cref="ApiException">503 not_ready while the node recovers.</exception>
    public static MessageBroker RequireBroker(this NodeReadiness readiness)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        return readiness.IsReady && readiness.Broker is { } broker ? broker : throw ApiException.NotReady();
    }
}
