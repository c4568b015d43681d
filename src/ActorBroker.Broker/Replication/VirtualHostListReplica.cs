using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Remoting;
using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// This node's copy of the cluster's list of virtual hosts, as the other nodes reach it: a host created or deleted on
/// another node is created or deleted here as a local one is (journaled, its connections closed, its durable topology
/// forgotten), and a node that starts reads every other node's list (<see cref="TopologyReplicationProtocol.RequestVirtualHosts"/>),
/// told whether this node saw it depart. Nothing here awaits another node, so two nodes that start at once answer each other.
/// </summary>
internal sealed class VirtualHostListReplica : ReceiveActor
{
    /// <summary>The actor's name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "broker-vhosts";

    private readonly HashSet<Address> _departures = [];

    public VirtualHostListReplica(MessageBroker broker)
    {
        Receive<TopologyReplicationProtocol.AddVirtualHost>(add => ReplyApplied(broker.AddVirtualHostHereAsync(add.Name)));
        Receive<TopologyReplicationProtocol.DeleteVirtualHost>(delete => ReplyApplied(DeleteIfPresentAsync(broker, delete.Name)));
        Receive<TopologyReplicationProtocol.RequestVirtualHosts>(_ =>
        {
            var sawAskerDepart = _departures.Contains(Sender.Path.Address);
            broker.Admin.ListVirtualHostsAsync().PipeTo(
                Sender, success: names => new TopologyReplicationProtocol.VirtualHostNames(names, sawAskerDepart), failure: PeerReplication.RefusalOf);
        });
        Receive<ClusterEvent.MemberRemoved>(removed => _departures.Add(removed.Member.Address));
    }

    protected override void PreStart() => ClusterEventSubscription.Subscribe(Context, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => ClusterEventSubscription.Unsubscribe(Context);

    private void ReplyApplied(Task change) =>
        change.PipeTo(Sender, success: () => TopologyReplicationProtocol.Applied.Instance, failure: PeerReplication.RefusalOf);

    // Deleted here already (by a client of this node at the same time, or while this node caught up): nothing to undo.
    private static async Task DeleteIfPresentAsync(MessageBroker broker, string name)
    {
        try
        {
            await broker.Admin.DeleteVirtualHostHereAsync(name).ConfigureAwait(false);
        }
        catch (BrokerException error) when (error.Code == BrokerErrorCode.NotFound)
        {
        }
    }
}
