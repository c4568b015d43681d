using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueRuntime
{
    /// <summary>The journal of a durable queue; null for a transient queue, which keeps everything in memory.</summary>
    public QueueJournal? Journal { get; init; }
}
