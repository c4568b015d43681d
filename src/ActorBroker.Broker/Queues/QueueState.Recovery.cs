using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>
    /// Puts back a message recovered from the journal, ready, with the deliveries it already had (so its next
    /// delivery is flagged redelivered). Call in enqueue order, before the queue takes any command.
    /// </summary>
    internal void Restore(long sequence, Message message, DateTimeOffset enqueuedAt, int deliveryCount) =>
        ApplyEnqueued(new MessageEnqueued(sequence, message, enqueuedAt)).DeliveryCount = deliveryCount;
}
