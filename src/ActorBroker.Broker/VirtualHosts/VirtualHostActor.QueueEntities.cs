using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Sharding;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// Durable queues as entities of Akka's queue region (a cluster on a shared journal; see <see cref="QueueEntities"/>).
/// A node that left or was downed takes its transient and exclusive queues with it: they leave the routing with their
/// bindings, so a publish to them is unroutable. Its durable queues stay in every routing snapshot, their actor still
/// the lost one, until a survivor takes them over (at the node's unreachability, see <c>VirtualHostActor.Takeover</c>)
/// or the coordinator re-homes their shards and each queue's entity starts it on its new node; either way that node's
/// host replaces the actor and replicates it to every node (<see cref="QueueEntityProtocol.Started"/>). Until then a
/// confirmed publish to the lost actor is nacked by the confirm relay, never confirmed and lost. Without a shared
/// journal every queue of the lost node leaves the routing; such a node brings its durable queues back when it restarts.
/// Exchanges and bindings stay: they are the host's.
/// </summary>
internal sealed partial class VirtualHostActor
{
    private void ReceiveQueueEntities() => ReceiveAsync<QueueEntityProtocol.Started>(ServeMovedQueueAsync);

    /// <summary>Starts a queue's actor: through its entity when durable queues are sharded, else in the host's region.</summary>
    private async Task<IActorRef> StartQueueActorAsync(QueueRuntime runtime)
    {
        if (_entities is null || runtime.PersistenceId is not { } persistenceId)
        {
            return await _region.AskFor<IActorRef>(new QueueRegionProtocol.StartQueue(runtime), _options.OperationTimeout).ConfigureAwait(true);
        }

        // The entity, when its shard lives on this node, takes the runtime from here: this actor is busy until it answers.
        _host.AddPendingQueue(runtime);
        try
        {
            var start = new QueueEntityProtocol.Start(_host.Name, runtime.Name, runtime.Declaration, persistenceId,
                _host.EffectiveArgumentTable(runtime.Name, runtime.Declaration), runtime.RecoversAfterCrash);
            return (await _entities.AskFor<QueueEntityProtocol.Serving>(start, _options.OperationTimeout).ConfigureAwait(true)).Queue;
        }
        finally
        {
            _host.TakePendingQueue(persistenceId);
        }
    }

    private void ForgetQueuesOf(Address lost)
    {
        var routing = _host.Routing;
        foreach (var queue in routing.Queues.Cast<QueueEndpoint>().Where(q => q.Actor.Path.Address.Equals(lost)).ToList())
        {
            if (queue.PersistenceId is null || _entities is null)
            {
                routing = routing.RemoveQueue(queue.Name);
            }
        }

        _host.Routing = routing;
    }

    private Task ServeMovedQueueAsync(QueueEntityProtocol.Started started) =>
        ServeAdoptedQueueAsync(started.Name, started.PersistenceId, started.Queue, "its shard moved to this node");

    /// <summary>
    /// Routes to a durable queue this node started from another node's journal, and replicates it to every node.
    /// False when the queue was deleted meanwhile, or the routing names that actor already (taken over at the node's
    /// unreachability, then started by its entity when the shard came here).
    /// </summary>
    private async Task<bool> ServeAdoptedQueueAsync(string name, string persistenceId, IActorRef queue, string why)
    {
        if (!_host.Routing.TryGetQueue(name, out var known) || known is not QueueEndpoint { } endpoint || endpoint.PersistenceId != persistenceId
            || endpoint.Actor.Equals(queue))
        {
            // Deleted meanwhile: its entity finds out when its queue stops.
            return false;
        }

        var moved = endpoint with { Actor = queue, OwnerConnectionId = 0, Arguments = _host.EffectiveArguments(endpoint.Name, endpoint.Declaration) };
        _host.Routing = _host.Routing.AddQueue(moved);
        MovedAway(endpoint.Actor);
        var added = new TopologyChange.QueueAdded(moved.Name, moved.Declaration, moved.Actor, moved.PersistenceId);
        Replicate(added);
        await JournalMovedAsync(added).ConfigureAwait(true);
        _log.Info("Virtual host '{0}': adopted durable queue '{1}' from journal {2}: {3}", _host.Name, moved.Name, moved.PersistenceId, why);
        return true;
    }

    // Its journal holds the queue already when the queue's declaration was replicated to it; a queue declared before
    // nodes journaled each other's queues is written now, so that this node brings it back after a full restart.
    private async Task JournalMovedAsync(TopologyChange.QueueAdded added)
    {
        try
        {
            await (JournalApplied([added]) ?? Task.CompletedTask).ConfigureAwait(true);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            _log.Warning("Virtual host '{0}': queue '{1}' could not be journaled, so a full restart may not bring it back: {2}", _host.Name, added.Name, error.Message);
        }
    }
}
