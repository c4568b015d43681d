using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// A message held by a queue, with what the queue knows about it. A persistent message of a long durable
/// queue may be paged out: it then keeps only what ordering, expiry and the length limits need (a few tens
/// of bytes) and its properties and body are read back from the journal before anyone needs them.
/// </summary>
internal sealed class QueuedMessage
{
    // Ticks rather than DateTimeOffset: a paged-out backlog is millions of these, so every field counts.
    private readonly long _enqueuedAt;
    private readonly long _expiresAt;
    private Message? _message;

    public QueuedMessage(long sequence, Message message, DateTimeOffset enqueuedAt, DateTimeOffset? expiresAt, int priority)
        : this(sequence, enqueuedAt, expiresAt, priority, message.Body.Length) => _message = message;

    /// <summary>A paged-out message: its body is in the journal.</summary>
    public QueuedMessage(long sequence, DateTimeOffset enqueuedAt, DateTimeOffset? expiresAt, int priority, int size)
    {
        Sequence = sequence;
        _enqueuedAt = enqueuedAt.UtcTicks;
        _expiresAt = expiresAt?.UtcTicks ?? 0;
        Priority = priority;
        Size = size;
    }

    /// <summary>Enqueue order; a requeued message returns to its place by this number.</summary>
    public long Sequence { get; }

    /// <summary>The message; only valid while it is not <see cref="IsPagedOut"/>.</summary>
    public Message Message => _message ?? throw new InvalidOperationException($"Message {Sequence} is paged out; read its body back first.");

    public bool IsPagedOut => _message is null;

    /// <summary>True for a paged-out message whose journal row could not be read: it leaves the queue when it reaches the head.</summary>
    public bool IsLost { get; set; }

    /// <summary>Whether the journal holds the message (paged-out ones always are persistent).</summary>
    public bool IsPersistent => _message?.Properties.IsPersistent ?? true;

    public DateTimeOffset EnqueuedAt => new(_enqueuedAt, TimeSpan.Zero);

    public DateTimeOffset? ExpiresAt => _expiresAt == 0 ? null : new DateTimeOffset(_expiresAt, TimeSpan.Zero);

    /// <summary>Index into the priority levels (0 when the queue has none).</summary>
    public int Priority { get; }

    /// <summary>The body's length in bytes, known also while paged out.</summary>
    public int Size { get; }

    /// <summary>Times delivered so far; greater than zero means the next delivery is a redelivery.</summary>
    public int DeliveryCount { get; set; }

    /// <summary>Drops the body: it can be read back from the journal.</summary>
    public void PageOut() => _message = null;

    /// <summary>Puts back the body read from the journal.</summary>
    public void PageIn(Message message) => _message = message;
}
