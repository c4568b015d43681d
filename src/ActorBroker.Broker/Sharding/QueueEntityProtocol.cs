using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Sharding;

internal static class QueueEntityProtocol
{
    /// <summary>
    /// Starts (or finds) the entity of a durable queue through the node's queue region, wherever its shard lives; the
    /// entity replies <see cref="Serving"/> with its queue's actor. What the queue is built from travels with it, because
    /// its shard may live on a node whose replica does not know the queue yet, or that is still restoring its host (and
    /// may itself await an entity on the asking node): the declaration, its <paramref name="EffectiveArguments"/> (the
    /// declared ones completed by the cluster's policy for it), and whether the asking node holds that the queue's last
    /// owner may have stopped without recording its deliveries (<paramref name="RecoversAfterCrash"/>: recovered messages
    /// then come back flagged redelivered).
    /// </summary>
    public sealed record Start(string VirtualHost, string Name, QueueDeclaration Declaration, string PersistenceId, Headers? EffectiveArguments, bool RecoversAfterCrash)
    {
        public string EntityId => QueueEntityId.Of(VirtualHost, Name, PersistenceId);
    }

    /// <summary>The entity's answer to <see cref="Start"/>: the queue's actor, which routing snapshots hold.</summary>
    public sealed record Serving(IActorRef Queue);

    /// <summary>
    /// An entity started its queue on this node without being asked by this node's host (its shard came here after a
    /// rebalance or the loss of its node): the host puts the new actor in its routing and replicates it to every node.
    /// </summary>
    public sealed record Started(string Name, string PersistenceId, IActorRef Queue);

    /// <summary>Sharding's hand-off stop message: the entity stops its queue, once its writes are decided, then itself.</summary>
    public sealed record HandOff
    {
        public static readonly HandOff Instance = new();

        private HandOff()
        {
        }
    }
}
