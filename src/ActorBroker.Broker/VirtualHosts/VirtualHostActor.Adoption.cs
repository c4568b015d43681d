using ActorBroker.Broker.Replication;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// A node that left or was downed is removed from the cluster; its queues are taken over. On a shared journal its
/// durable queues are adopted: the oldest Up member (the node where Akka's singletons run, so every node names the same
/// one) starts each from its journal, which the lost node no longer writes (the Split Brain Resolver downed it, and a
/// downed node stops itself), and replicates the queue's new actor to every node. Until then the others keep routing to
/// the lost actor: a confirmed publish sent there is nacked by the confirm relay, never confirmed and lost. Transient and
/// exclusive queues, and every queue of a node without a shared journal, leave the routing with their bindings, so a
/// publish to them is unroutable; such a node brings its durable queues back when it restarts. Exchanges and bindings
/// stay: they are the host's.
/// </summary>
internal sealed partial class VirtualHostActor
{
    private async Task TakeOverQueuesOfAsync(Address lost)
    {
        var adopts = _options.Durability?.SharedJournalNode is not null && IsOldestUpMember(Context.System);
        var routing = _host.Routing;
        var orphans = new List<QueueEndpoint>();
        foreach (var queue in routing.Queues.Cast<QueueEndpoint>().Where(q => q.Actor.Path.Address.Equals(lost)).ToList())
        {
            if (queue.PersistenceId is null || _options.Durability?.SharedJournalNode is null)
            {
                routing = routing.RemoveQueue(queue.Name);
            }
            else if (adopts)
            {
                orphans.Add(queue);
            }
        }

        _host.Routing = routing;
        foreach (var orphan in orphans)
        {
            var adopted = await StartDurableQueueAsync(orphan.Name, orphan.Declaration, EffectiveArguments(orphan.Name, orphan.Declaration), orphan.PersistenceId!, adopted: true)
                .ConfigureAwait(true);
            _host.Routing = _host.Routing.AddQueue(adopted);
            var added = new TopologyChange.QueueAdded(adopted.Name, adopted.Declaration, adopted.Actor, adopted.PersistenceId);
            Replicate(added);
            await JournalAdoptedAsync(added).ConfigureAwait(true);
            _log.Info("Virtual host '{0}': adopted durable queue '{1}' of lost node {2} from journal {3}", _host.Name, orphan.Name, lost, orphan.PersistenceId);
        }
    }

    // Its journal holds the queue already when the queue's declaration was replicated to it; a queue declared before
    // nodes journaled each other's queues is written now, so that this node brings it back after a full restart.
    private async Task JournalAdoptedAsync(TopologyChange.QueueAdded added)
    {
        try
        {
            await (JournalApplied([added]) ?? Task.CompletedTask).ConfigureAwait(true);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            _log.Warning("Virtual host '{0}': adopted queue '{1}' could not be journaled, so a full restart may not bring it back: {2}", _host.Name, added.Name, error.Message);
        }
    }

    private static bool IsOldestUpMember(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var oldest = cluster.State.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        return oldest is not null && oldest.Address.Equals(cluster.SelfAddress);
    }
}
