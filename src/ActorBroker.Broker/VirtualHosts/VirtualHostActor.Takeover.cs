using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Sharding;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// Early takeover of a lost node's durable queues (a cluster on a shared journal). When the transport reports that an
/// Up member's connection closed (a killed process: its operating system closes its sockets at once), or the cluster
/// marks a node unreachable (a hung process, a cut link: about a second of missed heartbeats), the survivors recover
/// its durable queues at once, each on the survivor <see cref="ShardHome"/> names for the queue's shard, rather than
/// waiting until the resolver downs the node and the shard coordinator re-homes its shards, one to two seconds later.
/// Only the majority side takes over: a minority never takes queues from the majority.
/// A wrong suspicion costs no data: recovering a queue claims its journal, and the journal refuses every later write of
/// the old owner (owner fencing), whose queue then stops. The coordinator, re-homing the shard later, gives it to the
/// same survivor, whose region answers the queue's entity with the queue already running.
/// A node that becomes reachable or connected again did not hear of the move (replication skips unreachable members and
/// closed connections): the queues taken from it are replicated to it then, and it stops its own actors of them (see <see cref="MovedAway"/>).
/// </summary>
internal sealed partial class VirtualHostActor
{
    // The durable queues this node took over, by the node they were taken from, until that node is reachable or removed.
    private readonly Dictionary<Address, List<string>> _takenOver = [];

    // Up members whose connection closed and has not been opened again: replication passes them over rather than
    // waiting its timeout for a dead node the cluster does not count unreachable yet (a client reconnecting to a
    // survivor within that second would see its redeclare wait as long).
    private readonly HashSet<Address> _closedConnections = [];

    private void ReceiveTakeovers()
    {
        ReceiveAsync<ClusterEvent.UnreachableMember>(unreachable => TakeOverQueuesOfAsync(unreachable.Member.Address, "is unreachable"));
        ReceiveAsync<DisassociatedEvent>(closed =>
        {
            if (!IsUpMember(closed.RemoteAddress))
            {
                return Task.CompletedTask;
            }

            _closedConnections.Add(closed.RemoteAddress);
            return TakeOverQueuesOfAsync(closed.RemoteAddress, "closed its connection");
        });
        Receive<AssociatedEvent>(opened => Reconnected(opened.RemoteAddress));
        Receive<ClusterEvent.ReachableMember>(reachable => Reconnected(reachable.Member.Address));
    }

    // A killed node's connections are closed by its operating system, and the transport says so within about 0.1 s, a
    // second before the failure detector has missed enough heartbeats. A leaving node closes them too, after it handed
    // its queues over: it is no longer Up by then.
    private static void WatchConnections()
    {
        if (TopologyPeers.IsCluster(Context.System))
        {
            Context.System.EventStream.Subscribe(Context.Self, typeof(DisassociatedEvent));
            Context.System.EventStream.Subscribe(Context.Self, typeof(AssociatedEvent));
        }
    }

    private static void UnwatchConnections()
    {
        Context.System.EventStream.Unsubscribe(Context.Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Unsubscribe(Context.Self, typeof(AssociatedEvent));
    }

    private static bool IsUpMember(Address node) =>
        Cluster.Get(Context.System).State.Members.Any(member => member.Address.Equals(node) && member.Status == MemberStatus.Up);

    private async Task TakeOverQueuesOfAsync(Address lost, string sign)
    {
        if (_entities is null || _host.Journal is null)
        {
            return;
        }

        var cluster = Cluster.Get(Context.System);
        var survivors = ShardHome.Survivors(cluster.State, lost);
        if (!survivors.Contains(cluster.SelfAddress))
        {
            return;
        }

        var mine = _host.Routing.Queues.Cast<QueueEndpoint>()
            .Where(queue => queue.PersistenceId is { } journal && queue.Actor.Path.Address.Equals(lost)
                && ShardHome.Choose(QueueEntities.ShardOf(QueueEntityId.Of(_host.Name, queue.Name, journal)), survivors).Equals(cluster.SelfAddress))
            .ToList();
        foreach (var queue in mine)
        {
            try
            {
                var actor = await _region.AskFor<IActorRef>(new QueueRegionProtocol.StartQueue(_host.AdoptedQueueRuntime(queue, _options)), _options.OperationTimeout)
                    .ConfigureAwait(true);
                if (await ServeAdoptedQueueAsync(queue.Name, queue.PersistenceId!, actor, $"its node {lost} {sign}").ConfigureAwait(true))
                {
                    TakenFrom(lost).Add(queue.Name);
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // Its shard's coordinator re-homes it once the node is downed.
                _log.Warning("Virtual host '{0}': could not take durable queue '{1}' over from node {2}: {3}", _host.Name, queue.Name, lost, error.Message);
            }
        }
    }

    private List<string> TakenFrom(Address node)
    {
        if (!_takenOver.TryGetValue(node, out var names))
        {
            _takenOver[node] = names = [];
        }

        return names;
    }

    private void Reconnected(Address node)
    {
        _closedConnections.Remove(node);
        TellTakeoversTo(node);
    }

    // Sent to that node alone: the others have it, and this node's view of the cluster may not count it reachable yet.
    private void TellTakeoversTo(Address node)
    {
        if (!_takenOver.Remove(node, out var names))
        {
            return;
        }

        var changes = names
            .Select(name => _host.Routing.TryGetQueue(name, out var queue) ? queue as QueueEndpoint : null)
            .OfType<QueueEndpoint>()
            .Where(queue => queue.IsLocal)
            .Select(queue => (TopologyChange)new TopologyChange.QueueAdded(queue.Name, queue.Declaration, queue.Actor, queue.PersistenceId))
            .ToList();
        if (changes.Count > 0)
        {
            _ = PeerReplication.ApplyOnAsync(Context.System, node, Context.Parent.Path, new TopologyReplicationProtocol.Replicate(_host.Name, changes), _options.OperationTimeout);
        }
    }

    /// <summary>
    /// The actor a replicated change stops routing to because another actor now serves the same journal (an adoption
    /// made on another node); null for any other change.
    /// </summary>
    private static IActorRef? ActorMovedAway(RoutingTable routing, TopologyChange change) =>
        change is TopologyChange.QueueAdded { PersistenceId: { } journal } added
            && routing.TryGetQueue(added.Name, out var known) && known is QueueEndpoint { } old
            && old.PersistenceId == journal && !old.Actor.Equals(added.Queue)
            ? old.Actor
            : null;

    /// <summary>
    /// A queue's old actor is no longer routed to: if it is this node's own (this node was suspected and the queue taken
    /// over meanwhile), it stops, since the journal refuses its writes and it must not serve from memory; channels here
    /// that consume from it cancel those consumers (<see cref="QueueMoved"/>).
    /// </summary>
    private static void MovedAway(IActorRef old)
    {
        if (old.Path.Address.HasLocalScope)
        {
            old.Tell(new QueueProtocol.Stop(DeleteJournal: false));
        }

        Context.System.EventStream.Publish(new QueueMoved(old));
    }
}
