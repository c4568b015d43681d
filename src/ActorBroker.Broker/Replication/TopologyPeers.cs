using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.Broker.Replication;

/// <summary>The other nodes a topology change must reach before it is answered: every reachable Up member.</summary>
internal static class TopologyPeers
{
    /// <summary>
    /// The actor at <paramref name="path"/> (this node's broker supervisor) on every other reachable Up member but those
    /// in <paramref name="except"/>; none when the system is not a cluster member (an embedded broker), so one node
    /// answers at once.
    /// </summary>
    public static IReadOnlyList<ActorSelection> At(ActorSystem system, ActorPath path, IReadOnlySet<Address>? except = null)
    {
        if (!IsCluster(system))
        {
            return [];
        }

        var cluster = Cluster.Get(system);
        var state = cluster.State;
        return state.Members
            .Where(member => member.Status == MemberStatus.Up && !member.Address.Equals(cluster.SelfAddress) && !state.Unreachable.Contains(member)
                && except?.Contains(member.Address) != true)
            .Select(member => system.ActorSelection(new RootActorPath(member.Address) / path.Elements))
            .ToList();
    }

    public static bool IsCluster(ActorSystem system) => ((ExtendedActorSystem)system).Provider is ClusterActorRefProvider;
}
