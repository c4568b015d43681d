using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
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

    private void ReceiveReplication()
    {
        Receive<TopologyReplicationProtocol.Replicate>(replicate =>
        {
            Apply(replicate.Changes);
            ReplyOnceJournaled(JournalDeletions(replicate.Changes), TopologyReplicationProtocol.Applied.Instance, "deletion made on another node");
        });
        ReceiveAsync<ClusterEvent.MemberRemoved>(removed => TakeOverQueuesOfAsync(removed.Member.Address));
    }

    private void WatchMembers()
    {
        if (TopologyPeers.IsCluster(Context.System))
        {
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        }
    }

    private void UnwatchMembers()
    {
        if (TopologyPeers.IsCluster(Context.System))
        {
            Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

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
        var peers = TopologyPeers.At(Context.System, Context.Parent.Path);
        if (peers.Count == 0 || changes.Length == 0)
        {
            return;
        }

        var message = new TopologyReplicationProtocol.Replicate(_host.Name, changes);
        _replicated = Task.WhenAll(peers.Select(peer => AppliedOnAsync(peer, message)));
    }

    private async Task AppliedOnAsync(ActorSelection peer, TopologyReplicationProtocol.Replicate message)
    {
        try
        {
            await peer.AskFor<TopologyReplicationProtocol.Applied>(message, _options.OperationTimeout).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The change stands here and is journaled; a node that missed it reads it when its host starts again.
            _log.Warning("Virtual host '{0}': node {1} did not apply a topology change in time: {2}", _host.Name, peer.Anchor.Path.Address, error.Message);
        }
    }

    /// <summary>
    /// Once, before the host restores its own topology: applies what every other node owns of the host, exchanges
    /// first, then queues, then bindings, so that every binding finds both of its ends.
    /// </summary>
    private async Task ReadPeersAsync()
    {
        if (_readPeers)
        {
            return;
        }

        _readPeers = true;
        var peers = TopologyPeers.At(Context.System, Context.Parent.Path);
        var snapshots = await Task.WhenAll(peers.Select(SnapshotOfAsync)).ConfigureAwait(true);
        Apply(snapshots.SelectMany(changes => changes).OrderBy(change => change switch
        {
            TopologyChange.ExchangeDeclared => 0,
            TopologyChange.QueueAdded => 1,
            _ => 2,
        }));
    }

    private async Task<IReadOnlyList<TopologyChange>> SnapshotOfAsync(ActorSelection peer)
    {
        try
        {
            var snapshot = await peer.AskFor<TopologyReplicationProtocol.Snapshot>(
                new TopologyReplicationProtocol.RequestSnapshot(_host.Name), _options.OperationTimeout).ConfigureAwait(false);
            return snapshot.Changes;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // That node's queues reach this one when it replicates them (its own restore sends them all).
            _log.Warning("Virtual host '{0}': node {1} did not send its topology in time: {2}", _host.Name, peer.Anchor.Path.Address, error.Message);
            return [];
        }
    }

    /// <summary>
    /// Another node deleted an exchange or a binding that this node's journal holds too (it was declared here as well):
    /// the deletion is journaled here, or it would come back when this node restarts. Null when there is nothing to write.
    /// </summary>
    private Task? JournalDeletions(IReadOnlyList<TopologyChange> changes)
    {
        if (_host.Journal is not { } journal)
        {
            return null;
        }

        var writes = new List<Task>();
        foreach (var change in changes)
        {
            DeclarationRecord? record = change switch
            {
                TopologyChange.ExchangeDeleted deleted when !RoutingTable.IsPredeclared(deleted.Name) && journal.IsDurableExchange(deleted.Name)
                    => new DeclarationRecord.ExchangeDeleted(deleted.Name),
                TopologyChange.Unbound unbound when journal.IsDurable(unbound.Binding) => new DeclarationRecord.Unbound(unbound.Binding),
                // A queue this node declared, adopted by another node when this one was lost, and deleted there.
                TopologyChange.QueueRemoved removed when journal.IsDurableQueue(removed.Name) => new DeclarationRecord.QueueDeleted(removed.Name),
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
        foreach (var change in changes)
        {
            try
            {
                routing = change.ApplyTo(routing);
            }
            catch (BrokerException error)
            {
                // Two nodes that changed the same name at once: this node keeps its own version.
                _log.Warning("Virtual host '{0}' could not apply {1} from another node: {2}", _host.Name, change, error.Message);
            }
        }

        _host.Routing = routing;
    }
}
