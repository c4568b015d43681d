using System.Collections.Concurrent;
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

    public void AddPendingQueue(QueueRuntime runtime) => _pendingQueues[runtime.PersistenceId!] = runtime;

    public QueueRuntime? TakePendingQueue(string persistenceId) => _pendingQueues.TryRemove(persistenceId, out var runtime) ? runtime : null;
}
