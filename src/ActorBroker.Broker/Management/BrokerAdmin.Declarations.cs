using ActorBroker.Broker.Routing;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Management;

public sealed partial class BrokerAdmin
{
    /// <summary>
    /// The declarations of a virtual host's queues (exclusive ones included), by name: read from the routing
    /// snapshot without asking any queue, so it is cheap enough to export or compare a whole deployment.
    /// </summary>
    /// <exception cref="Errors.BrokerException">No such virtual host (not found).</exception>
    public async Task<IReadOnlyList<QueueDeclarationInfo>> ListQueueDeclarationsAsync(string vhost)
    {
        var host = await FindAsync(vhost).ConfigureAwait(false);
        return [.. host.Routing.Queues
            .Cast<QueueEndpoint>()
            .Select(q => new QueueDeclarationInfo(host.Name, q.Name, q.Declaration))
            .OrderBy(q => q.Name, StringComparer.Ordinal)];
    }

    /// <summary>The <c>amq.*</c> exchanges every virtual host has from its creation, as they are in <paramref name="vhost"/> once it exists.</summary>
    public static IReadOnlyList<ExchangeInfo> PredeclaredExchanges(string vhost) =>
        [.. RoutingTable.Predeclared.Select(p => new ExchangeInfo(vhost, p.Name, new ExchangeSettings(p.Type)))];
}
