using System.Collections.Concurrent;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// Hand-over of durable queues between the host's actor and the queue entities of this node (<c>Sharding/QueueEntity</c>).
/// The host builds the runtime of a queue it declares or restores and awaits the entity, so the entity must not ask
/// the busy host for it: it takes the runtime from here instead. Any thread.
/// </summary>
internal sealed partial class VirtualHost
{
    private readonly ConcurrentDictionary<string, QueueRuntime> _pendingQueues = new(StringComparer.Ordinal);

    /// <summary>A queue's parsed arguments: its declared ones, completed by the policy that applies to it.</summary>
    public QueueArguments EffectiveArguments(string queue, QueueDeclaration declaration) =>
        QueueArguments.Parse(EffectiveArgumentTable(queue, declaration));

    /// <summary>A queue's declared arguments completed by the policy that applies to it, as a table.</summary>
    public Headers? EffectiveArgumentTable(string queue, QueueDeclaration declaration) =>
        Policies.EffectiveQueueArguments(queue, declaration.Arguments);

    /// <summary>The runtime of a durable queue started by its entity, which belongs to no connection.</summary>
    public QueueRuntime DurableQueueRuntime(string name, string persistenceId, QueueDeclaration declaration, Headers? effectiveArguments, BrokerOptions options, bool recoversAfterCrash) =>
        new(name, declaration, new QueueState(name, QueueArguments.Parse(effectiveArguments), Clock), this, options, owner: null)
        {
            PersistenceId = persistenceId,
            RecoversAfterCrash = recoversAfterCrash,
        };

    /// <summary>
    /// The runtime of a durable queue this node adopts from another (its node was lost, or left): that node may have
    /// delivered messages unrecorded, so they come back flagged redelivered, as after a crash.
    /// </summary>
    public QueueRuntime AdoptedQueueRuntime(QueueEndpoint queue, BrokerOptions options) =>
        DurableQueueRuntime(queue.Name, queue.PersistenceId!, queue.Declaration, EffectiveArgumentTable(queue.Name, queue.Declaration), options, recoversAfterCrash: true);

    public void AddPendingQueue(QueueRuntime runtime) => _pendingQueues[runtime.PersistenceId!] = runtime;

    public QueueRuntime? TakePendingQueue(string persistenceId) => _pendingQueues.TryRemove(persistenceId, out var runtime) ? runtime : null;
}
