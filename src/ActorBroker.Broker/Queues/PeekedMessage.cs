using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>A ready message seen without taking it off the queue.</summary>
/// <param name="Sequence">Its position in enqueue order.</param>
/// <param name="Message">The message itself.</param>
/// <param name="EnqueuedAt">When it entered the queue.</param>
/// <param name="DeliveryCount">How often it was delivered before (above 0: the next delivery is a redelivery).</param>
public sealed record PeekedMessage(long Sequence, Message Message, DateTimeOffset EnqueuedAt, int DeliveryCount);
