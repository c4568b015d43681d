using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    /// <summary>The actor keeping the window of each <c>x-message-deduplication</c> exchange, by exchange name; kept by the host's actor.</summary>
    public ConcurrentDictionary<string, IActorRef> DeduplicatingExchanges { get; } = new(StringComparer.Ordinal);
}
