using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>A queue as the routing snapshot knows it: its declaration, owner and the actor the region resolved.</summary>
internal sealed record QueueEndpoint(string Name, QueueDeclaration Declaration, QueueArguments Arguments, long OwnerConnectionId, IActorRef Actor) : IQueueEndpoint
{
    /// <summary>Exclusive queues answer only their declaring connection.</summary>
    public bool IsAccessibleFrom(long connectionId) => !Declaration.Exclusive || OwnerConnectionId == connectionId;
}
