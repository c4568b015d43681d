using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// The host's routing snapshot on every node of a cluster. A change made here goes, in order, to the host's actor on
/// every other reachable Up member, and the client's answer waits until each applied it, so a declare on this node is
/// routable on all of them by the time declare-ok returns. A queue stays on the node that declared it: the others
/// route to its actor there. A host that starts first reads what every other node owns of it (from their supervisors).
/// No handler here awaits another node: two nodes waiting on each other's suspended host actors would both time out.
/// </summary>
internal sealed partial class VirtualHostActor
{
    // Completes once the changes sent so far are applied on every peer that answered in time (a peer that does not is
    // logged, never thrown): each peer applies them in the order sent, so awaiting the last send awaits them all.
    private Task _replicated = Task.CompletedTask;
    private bool _readPeers;

    // A peer served the host since before this node (at its address) last left: see ReadPeersAsync.
    private bool _peersAreCurrent;

    private void ReceiveReplication()
    {
        Receive<TopologyReplicationProtocol.Replicate>(replicate =>
        {
            Apply(replicate.Changes);
            ReplyOnceJournaled(JournalApplied(replicate.Changes), TopologyReplicationProtocol.Applied.Instance, "change made on another node");
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            if (_host.Journal is not null)
            {
                _host.Departed(removed.Member.Address);
            }

            ForgetQueuesOf(removed.Member.Address);
            _takenOver.Remove(removed.Member.Address);
            _closedConnections.Remove(removed.Member.Address);
        });
    }

    private static void WatchMembers() => ClusterEventSubscription.Subscribe(Context, typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.IReachabilityEvent));

    private static void UnwatchMembers() => ClusterEventSubscription.Unsubscribe(Context);

    /// <summary>Tells <paramref name="replyTo"/> <paramref name="reply"/> once the changes made so far are applied on every peer.</summary>
    private void ReplyWhenReplicated(IActorRef replyTo, object reply)
    {
        if (_replicated.IsCompleted)
        {
            replyTo.Tell(reply);
            return;
        }

        _replicated.ContinueWith(_ => replyTo.Tell(reply), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Sends changes just made to this host's snapshot to the other nodes; see <see cref="_replicated"/>.</summary>
    private void Replicate(params TopologyChange[] changes)
    {
        if (changes.Length == 0)
        {
            return;
        }

        ReplicateToPeers(new TopologyReplicationProtocol.Replicate(_host.Name, changes));
    }

    /// <summary>
    /// Sends a change of the host's policies or schemas to the other nodes, and tells the sender <paramref name="reply"/>
    /// once it is journaled here (<paramref name="journaled"/>) and applied on every peer.
    /// </summary>
    private void ReplicateThenReply(object message, Task? journaled, object reply, string change)
    {
        ReplicateToPeers(message);
        ReplyOnceJournaled(_replicated.IsCompleted ? journaled : Task.WhenAll(journaled ?? Task.CompletedTask, _replicated), reply, change);
    }

    /// <summary>Sends a change of this host (topology, policy or schema) to the other nodes' supervisors; see <see cref="_replicated"/>.</summary>
    private void ReplicateToPeers(object message)
    {
        var applied = PeerReplication.ApplyEverywhereAsync(Context.System, Context.Parent.Path, message, _options.OperationTimeout, _closedConnections);
        if (!applied.IsCompleted)
        {
            _replicated = applied;
        }
    }

    /// <summary>
    /// Once, before the host restores its own topology: applies what every other node owns of the host, exchanges
    /// first, then queues, then bindings, so that every binding finds both of its ends. Notes whether a peer served the
    /// host since before this node (at its address) last left: its topology is then current, and the truth.
    /// </summary>
    private async Task ReadPeersAsync()
    {
        if (_readPeers)
        {
            return;
        }

        _readPeers = true;
        // A node that does not answer in time sends its queues when it replicates them (its own restore sends them all).
        var snapshots = await PeerReplication.AskEveryPeerAsync<TopologyReplicationProtocol.Snapshot>(
            Context.System, Context.Parent.Path, new TopologyReplicationProtocol.RequestSnapshot(_host.Name), _options.OperationTimeout).ConfigureAwait(true);
        Apply(snapshots.SelectMany(snapshot => snapshot.Changes).OrderBy(change => change switch
        {
            TopologyChange.ExchangeDeclared => 0,
            TopologyChange.QueueAdded => 1,
            _ => 2,
        }));
        _peersAreCurrent = snapshots.Any(snapshot => snapshot.SawAskerDepart);
        TakePeerPolicies(snapshots);
        TakePeerSchemas(snapshots);
    }

    /// <summary>
    /// Journals the durable changes this node applied that its journal lacks. On a shared journal that is every one
    /// (exchanges, queues with the journal of their messages, bindings, deletions), so that any node's journal holds the
    /// whole durable topology and any node can restore it after a full-cluster restart, also what a node that never
    /// returns declared. On a journal of its own a node journals only the deletions of what it holds too (it declared
    /// it as well), or they would come back when it restarts: the queues of the others are not in its journal.
    /// Null when there is nothing to write.
    /// </summary>
    private Task? JournalApplied(IEnumerable<TopologyChange> changes)
    {
        if (_host.Journal is not { } journal)
        {
            return null;
        }

        var shared = journal.Durability.SharedJournalNode is not null;
        var writes = new List<Task>();
        foreach (var change in changes)
        {
            DeclarationRecord? record = change switch
            {
                TopologyChange.ExchangeDeclared declared when shared && declared.Settings.Durable && !RoutingTable.IsPredeclared(declared.Name)
                    && !journal.IsDurableExchange(declared.Name) => new DeclarationRecord.ExchangeDeclared(declared.Name, declared.Settings),
                TopologyChange.ExchangeDeleted deleted when !RoutingTable.IsPredeclared(deleted.Name) && journal.IsDurableExchange(deleted.Name)
                    => new DeclarationRecord.ExchangeDeleted(deleted.Name),
                TopologyChange.QueueAdded added when shared && added.PersistenceId is { } journalId && !journal.HoldsQueue(added.Name, journalId)
                    => new DeclarationRecord.QueueDeclaredElsewhere(added.Name, added.Declaration, journalId),
                // A queue this node declared (or, on a shared journal, knows), deleted on the node that holds it now.
                TopologyChange.QueueRemoved removed when journal.IsDurableQueue(removed.Name) => new DeclarationRecord.QueueDeleted(removed.Name),
                TopologyChange.Bound bound when shared && journal.IsDurable(bound.Binding) && !journal.Topology.Bindings.Contains(bound.Binding)
                    => new DeclarationRecord.Bound(bound.Binding),
                TopologyChange.Unbound unbound when journal.IsDurable(unbound.Binding) => new DeclarationRecord.Unbound(unbound.Binding),
                _ => null,
            };
            if (record is not null)
            {
                writes.Add(journal.WriteAsync(record));
            }
        }

        return writes.Count == 0 ? null : Task.WhenAll(writes);
    }

    private void Apply(IEnumerable<TopologyChange> changes)
    {
        var routing = _host.Routing;
        var movedAway = new List<IActorRef>();
        foreach (var change in changes)
        {
            try
            {
                var old = ActorMovedAway(routing, change);
                routing = change.ApplyTo(routing);
                if (old is not null)
                {
                    movedAway.Add(old);
                }
            }
            catch (BrokerException error)
            {
                // Two nodes that changed the same name at once: this node keeps its own version.
                _log.Warning("Virtual host '{0}' could not apply {1} from another node: {2}", _host.Name, change, error.Message);
            }
        }

        _host.Routing = routing;
        movedAway.ForEach(MovedAway);
    }
}
