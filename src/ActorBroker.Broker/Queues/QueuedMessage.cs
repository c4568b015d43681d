using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>A message held by a queue, with what the queue knows about it.</summary>
internal sealed class QueuedMessage(long sequence, Message message, DateTimeOffset enqueuedAt, DateTimeOffset? expiresAt, int priority)
{
    /// <summary>Enqueue order; a requeued message returns to its place by this number.</summary>
    public long Sequence { get; } = sequence;

    public Message Message { get; } = message;

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>Index into the priority levels (0 when the queue has none).</summary>
    public int Priority { get; } = priority;

    public long Size => Message.Body.Length;

    /// <summary>Times delivered so far; greater than zero means the next delivery is a redelivery.</summary>
    public int DeliveryCount { get; set; }
}
