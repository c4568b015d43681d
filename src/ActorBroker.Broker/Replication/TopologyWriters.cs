using Akka.Actor;
using Akka.Cluster.Tools.Singleton;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// The <see cref="TopologyWriter"/> singleton's manager and proxy, started once per cluster member and left to the
/// ActorSystem's coordinated shutdown, which hands the singleton over as the member leaves (a broker stopped before
/// its system would make the leaving member wait for a manager that is gone).
/// </summary>
internal sealed class TopologyWriters : IExtension
{
    private const string ManagerName = "topology-writer";

    /// <summary>Where the hosts' actors find the writer on every node.</summary>
    public const string ProxyPath = "/user/topology-writer-proxy";

    private TopologyWriters(ExtendedActorSystem system)
    {
        if (!TopologyPeers.IsCluster(system))
        {
            return;
        }

        system.Settings.InjectTopLevelFallback(ClusterSingleton.DefaultConfig());
        system.ActorOf(
            ClusterSingletonManager.Props(Props.Create(() => new TopologyWriter()), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
            ManagerName);
        system.ActorOf(ClusterSingletonProxy.Props("/user/" + ManagerName, ClusterSingletonProxySettings.Create(system)), ProxyPath["/user/".Length..]);
    }

    /// <summary>Starts them on a cluster member (nothing outside a cluster) unless they run already.</summary>
    public static void Start(ActorSystem system) => system.WithExtension<TopologyWriters, Id>();

    private sealed class Id : ExtensionIdProvider<TopologyWriters>
    {
        public override TopologyWriters CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
