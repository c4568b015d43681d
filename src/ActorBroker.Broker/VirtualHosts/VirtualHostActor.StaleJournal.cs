using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Streams;
using Akka.Event;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// A node that comes back to a cluster on a shared journal, where a peer served the host all the while it was away,
/// takes that peer's topology as the truth: what its own journal holds and the peer lacks was deleted meanwhile (the
/// peer adopted this node's durable queues when it left, so a queue it lacks is one deleted since). The node journals
/// those deletions before it restores, so a deleted queue, exchange or binding does not come back with it. Its own
/// streams are kept: they are not adopted, so the peer lacks them while this node is away. When no peer was there all
/// the while (a full-cluster restart), peers may be staler than this node's journal: nothing is forgotten, and the
/// host's topology is the union of what the nodes restore.
/// </summary>
internal sealed partial class VirtualHostActor
{
    private async Task ForgetWhatCurrentPeersLackAsync(DeclarationJournal journal)
    {
        if (!_peersAreCurrent || journal.Durability.SharedJournalNode is null)
        {
            return;
        }

        var routing = _host.Routing;
        var topology = journal.Topology;
        var ownStreams = topology.Queues.Where(q => q.Value.JournalId is null && StreamSettings.IsStream(q.Value.Declaration)).Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        var deletions = new List<DeclarationRecord>();
        deletions.AddRange(topology.Exchanges.Keys.Where(name => !routing.TryGetExchange(name, out _)).Select(name => new DeclarationRecord.ExchangeDeleted(name)));
        deletions.AddRange(topology.Queues.Keys.Where(name => !ownStreams.Contains(name) && !routing.TryGetQueue(name, out _)).Select(name => new DeclarationRecord.QueueDeleted(name)));
        var bound = routing.Bindings.ToHashSet();
        deletions.AddRange(topology.Bindings
            .Where(b => !bound.Contains(b) && !(b.Destination.Kind == DestinationKind.Queue && ownStreams.Contains(b.Destination.Name)))
            .Select(b => new DeclarationRecord.Unbound(b)));
        if (deletions.Count == 0)
        {
            return;
        }

        // Each write applies to the journal's topology at once (an exchange's deletion drops its bindings there too),
        // so an unbind may find its binding gone already: it is journaled all the same, and replays as a no-op.
        await Task.WhenAll(deletions.Select(journal.WriteAsync)).ConfigureAwait(true);
        _log.Info("Virtual host '{0}': forgot {1} change(s) of its journal that the cluster made while this node was away", _host.Name, deletions.Count);
    }
}
