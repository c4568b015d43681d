using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// Subscribes an actor to the cluster's membership events when its system is a cluster member, and does nothing
/// otherwise, so that an embedded broker without the cluster provider runs the same actors.
/// </summary>
internal static class ClusterEventSubscription
{
    /// <summary>The current state comes first as events, then every change of the kinds <paramref name="events"/> names.</summary>
    public static void Subscribe(IActorContext context, params Type[] events)
    {
        if (Replication.TopologyPeers.IsCluster(context.System))
        {
            Cluster.Get(context.System).Subscribe(context.Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, events);
        }
    }

    public static void Unsubscribe(IActorContext context)
    {
        if (Replication.TopologyPeers.IsCluster(context.System))
        {
            Cluster.Get(context.System).Unsubscribe(context.Self);
        }
    }
}
