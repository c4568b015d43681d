using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// One change of a virtual host's routing snapshot as it travels to the other nodes' replicas. Each applies to a
/// <see cref="RoutingTable"/> the same operation the node that made it applied, so the replicas reach the same table
/// (a deleted queue drops its bindings, an unbound auto-delete exchange goes, on every node alike).
/// </summary>
internal abstract record TopologyChange
{
    public abstract RoutingTable ApplyTo(RoutingTable routing);

    public sealed record ExchangeDeclared(string Name, ExchangeSettings Settings) : TopologyChange
    {
        public override RoutingTable ApplyTo(RoutingTable routing) => routing.DeclareExchange(Name, Settings);
    }

    public sealed record ExchangeDeleted(string Name) : TopologyChange
    {
        public override RoutingTable ApplyTo(RoutingTable routing) => routing.DeleteExchange(Name, ifUnused: false);
    }

    public sealed record Bound(Binding Binding) : TopologyChange
    {
        public override RoutingTable ApplyTo(RoutingTable routing) => routing.Bind(Binding);
    }

    public sealed record Unbound(Binding Binding) : TopologyChange
    {
        public override RoutingTable ApplyTo(RoutingTable routing) => routing.Unbind(Binding);
    }

    /// <summary>
    /// A queue (or stream) that lives on the node that declared or adopted it; other nodes route to its actor there. Added
    /// again when the queue moved: the endpoint is replaced, its bindings stay. <paramref name="PersistenceId"/>: a durable
    /// queue's journal, for the node that adopts it when this one is lost.
    /// </summary>
    public sealed record QueueAdded(string Name, QueueDeclaration Declaration, IActorRef Queue, string? PersistenceId) : TopologyChange
    {
        public override RoutingTable ApplyTo(RoutingTable routing) =>
            routing.AddQueue(new QueueEndpoint(Name, Declaration, QueueArguments.Parse(Declaration.Arguments), QueueEndpoint.OnAnotherNode, Queue)
            {
                PersistenceId = PersistenceId,
            });
    }

    public sealed record QueueRemoved(string Name) : TopologyChange
    {
        public override RoutingTable ApplyTo(RoutingTable routing) => routing.RemoveQueue(Name);
    }

    /// <summary>
    /// What a node owns of <paramref name="routing"/>, as changes that rebuild it on another node: every exchange and
    /// binding, and the queues whose actors live here (the others' queues each node learns from their owner).
    /// Exchanges first, then queues, then bindings, so that every binding finds both of its ends.
    /// </summary>
    public static IReadOnlyList<TopologyChange> Of(RoutingTable routing) => Including(routing, queue => queue.IsLocal);

    /// <summary>The whole of <paramref name="routing"/> as changes, the queues of every node included.</summary>
    public static IReadOnlyList<TopologyChange> Everything(RoutingTable routing) => Including(routing, _ => true);

    private static List<TopologyChange> Including(RoutingTable routing, Func<QueueEndpoint, bool> includes)
    {
        var changes = new List<TopologyChange>();
        foreach (var exchange in routing.Exchanges)
        {
            if (!RoutingTable.IsPredeclared(exchange.Name))
            {
                changes.Add(new ExchangeDeclared(exchange.Name, exchange.Settings));
            }
        }

        foreach (var queue in routing.Queues.Cast<QueueEndpoint>())
        {
            if (includes(queue))
            {
                changes.Add(new QueueAdded(queue.Name, queue.Declaration, queue.Actor, queue.PersistenceId));
            }
        }

        foreach (var binding in routing.Bindings)
        {
            changes.Add(new Bound(binding));
        }

        return changes;
    }
}
