using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues.Events;

/// <summary>
/// One change of a queue's state. <see cref="QueueState.Apply"/> is the only code that changes the state, so
/// a journal of these events replayed in order rebuilds the queue. Consumer events describe live sessions,
/// which do not survive a restart; a journal may skip them.
/// </summary>
public abstract record QueueEvent;

/// <summary>A message joined the ready list at position <paramref name="Sequence"/>.</summary>
public sealed record MessageEnqueued(long Sequence, Message Message, DateTimeOffset EnqueuedAt) : QueueEvent;

/// <summary>
/// A ready message was handed to a channel (to a consumer, or by a get when ConsumerTag is null).
/// <paramref name="DeliveryCount"/> includes this delivery, so above 1 means redelivered.
/// </summary>
public sealed record MessageDelivered(long Sequence, ulong DeliveryTag, long ChannelId, string? ConsumerTag, bool AutoAck, Message Message, int DeliveryCount) : QueueEvent
{
    public bool Redelivered => DeliveryCount > 1;
}

/// <summary>An unacked delivery was acknowledged: the message is gone for good.</summary>
public sealed record MessageAcked(ulong DeliveryTag) : QueueEvent;

/// <summary>Every unacked delivery of a channel up to <paramref name="DeliveryTag"/> (0: all) was acknowledged at once.</summary>
public sealed record MessagesAcked(long ChannelId, ulong DeliveryTag) : QueueEvent;

/// <summary>An unacked delivery went back to its original place in the ready list.</summary>
public sealed record MessageRequeued(ulong DeliveryTag) : QueueEvent;

/// <summary>An unacked delivery was parked until <paramref name="DueAt"/> (nack with delay).</summary>
public sealed record MessageRetryScheduled(ulong DeliveryTag, DateTimeOffset DueAt) : QueueEvent;

/// <summary>A parked message's delay ran out; it is back in the ready list at its place.</summary>
public sealed record MessageRetryDue(long Sequence) : QueueEvent;

/// <summary>
/// A message left the queue for the dead-letter target. It came from the ready list, or from the unacked
/// deliveries when <paramref name="DeliveryTag"/> is set.
/// </summary>
public sealed record MessageDeadLettered(long Sequence, ulong? DeliveryTag, DeadLetterReason Reason, Message Message) : QueueEvent;

/// <summary>Every ready message was removed.</summary>
public sealed record QueuePurged(int Count) : QueueEvent
{
    /// <summary>The sequences of the persistent ones among them, for the journal.</summary>
    internal long[] Persistent { get; init; } = [];
}

/// <summary>A paged-out message at a head whose journal row could not be read back (it was quarantined) left the queue.</summary>
internal sealed record MessageLost(long Sequence) : QueueEvent;

/// <summary>
/// A ready message left the queue because a transaction committed in another queue's journal acked it: the recovery
/// of a cross-queue commit applies the acks the crash kept from being journaled here.
/// </summary>
internal sealed record MessageWithdrawn(long Sequence) : QueueEvent;

public sealed record ConsumerAdded(ConsumerSpec Consumer, ChannelWindow? Window) : QueueEvent;

public sealed record ConsumerRemoved(string ConsumerTag) : QueueEvent;
