using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    /// <summary>The actor holding the delayed messages of each <c>x-delayed-message</c> exchange, by exchange name; kept by the host's actor.</summary>
    public ConcurrentDictionary<string, IActorRef> DelayedExchanges { get; } = new(StringComparer.Ordinal);
}
