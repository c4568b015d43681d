using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>A queue as the routing snapshot knows it: its declaration, owner and the actor the region resolved.</summary>
internal sealed record QueueEndpoint(string Name, QueueDeclaration Declaration, QueueArguments Arguments, long OwnerConnectionId, IActorRef Actor) : IQueueEndpoint
{
    /// <summary>
    /// The owner of a queue declared on another node: connection ids are numbered per node, so no connection here owns
    /// it, and an exclusive queue of another node answers none of this node's connections.
    /// </summary>
    public const long OnAnotherNode = -1;

    /// <summary>Its actor lives on this node: this node declared it, journals it and answers for it.</summary>
    public bool IsLocal => Actor.Path.Address.HasLocalScope;

    /// <summary>Exclusive queues answer only their declaring connection.</summary>
    public bool IsAccessibleFrom(long connectionId) => !Declaration.Exclusive || OwnerConnectionId == connectionId;
}
