using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Client;

/// <summary>Settings of an in-process broker.</summary>
public sealed record BrokerOptions
{
    private readonly int _queueInMemoryMessages = 10_000;
    private readonly long _queueInMemoryBytes = 64L << 20;

    public static BrokerOptions Default { get; } = new();

    /// <summary>The clock for TTLs, delays and x-death times; tests pass a manual one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Shards per virtual host's queue region (queue name → shard → actor).</summary>
    public int QueueShards { get; init; } = 16;

    /// <summary>How often one message may crash its queue actor before it is dead-lettered with reason crash.</summary>
    public int MaxQueueCrashes { get; init; } = 3;

    /// <summary>How in-process consumers that throw get their message retried.</summary>
    public ConsumerRetryPolicy ConsumerRetry { get; init; } = new();

    /// <summary>
    /// The most queues a virtual host may hold; declaring one more fails with precondition-failed (RabbitMQ's
    /// max-queues vhost limit). Queues recovered at start are not refused, so lowering the limit loses none.
    /// </summary>
    public int MaxQueuesPerVirtualHost { get; init; } = int.MaxValue;

    /// <summary>How long declarations, gets and other request/reply operations may take.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the recovery of a virtual host (its journals and every durable queue) may take.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs inside a queue actor before it accepts a message (queue name, message): a place for validation
    /// plug-ins. An exception crashes the queue actor; its supervisor restarts it with its state intact and
    /// retries the message, and a message that keeps crashing it is dead-lettered with reason crash.
    /// </summary>
    public Action<string, Message>? OnEnqueue { get; init; }

    /// <summary>
    /// How long an at-least-once dead letter (quorum queues) that no queue took waits before it is sent again:
    /// the dead-letter exchange routed it nowhere, or a dead-letter queue refused it (full, reject-publish).
    /// </summary>
    public TimeSpan DeadLetterRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Journal durable queues, exchanges and bindings and recover them at start; null keeps everything in memory.</summary>
    public Durability.BrokerDurability? Durability { get; init; }

    /// <summary>
    /// A durable queue keeps the bodies of at most this many ready persistent messages in memory (the first
    /// ones, the window) and reads the others back from the journal before delivering them. Transient messages
    /// are never paged out.
    /// </summary>
    public int QueueInMemoryMessages
    {
        get => _queueInMemoryMessages;
        init => _queueInMemoryMessages = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(QueueInMemoryMessages), value, "QueueInMemoryMessages must be at least 1.");
    }

    /// <summary>The same window in bytes of bodies: whichever of the two limits is reached first applies.</summary>
    public long QueueInMemoryBytes
    {
        get => _queueInMemoryBytes;
        init => _queueInMemoryBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(QueueInMemoryBytes), value, "QueueInMemoryBytes must be at least 1.");
    }
}

/// <summary>
/// Retry of in-process consumers that throw (manual-ack consumers only): the delivery is requeued after a
/// backoff that doubles from <paramref name="InitialBackoff"/> up to <paramref name="MaxBackoff"/>; after
/// <paramref name="MaxAttempts"/> deliveries it is dead-lettered with reason crash.
/// </summary>
/// <param name="MaxAttempts">Deliveries allowed before the message is dead-lettered.</param>
/// <param name="InitialBackoff">Delay before the first retry.</param>
/// <param name="MaxBackoff">Longest delay between retries.</param>
public sealed record ConsumerRetryPolicy(int MaxAttempts = 5, TimeSpan? InitialBackoff = null, TimeSpan? MaxBackoff = null)
{
    public TimeSpan BackoffFor(int attempt)
    {
        var initial = InitialBackoff ?? TimeSpan.FromMilliseconds(100);
        var max = MaxBackoff ?? TimeSpan.FromSeconds(30);
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(max.Ticks, initial.Ticks * factor));
    }
}
