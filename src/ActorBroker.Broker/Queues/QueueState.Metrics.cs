using ActorBroker.Broker.Metrics;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>Publishes the current sizes and counts to the queue's metrics holder, without allocating.</summary>
    internal void WriteTo(QueueMetrics metrics) =>
        metrics.Update(ReadyCount, UnackedCount, ConsumerCount, _published, _delivered, _redelivered, _acked, _deadLettered);
}
