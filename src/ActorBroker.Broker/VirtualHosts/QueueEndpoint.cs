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

    /// <summary>
    /// The journal of a durable queue (not a stream), wherever it lives; null for a transient one. A node that adopts the
    /// queue of a node that was lost recovers it from this journal (see <c>Sharding/QueueEntity</c>).
    /// </summary>
    public string? PersistenceId { get; init; }

    /// <summary>Its actor lives on this node: this node declared or adopted it, and answers for it.</summary>
    public bool IsLocal => Actor.Path.Address.HasLocalScope;

    /// <summary>Exclusive queues answer only their declaring connection.</summary>
    public bool IsAccessibleFrom(long connectionId) => !Declaration.Exclusive || OwnerConnectionId == connectionId;
}
