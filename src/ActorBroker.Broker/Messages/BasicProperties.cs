namespace ActorBroker.Broker.Messages;

/// <summary>How a message asks to be stored.</summary>
public enum DeliveryMode : byte
{
    /// <summary>Kept in memory only.</summary>
    Transient = 1,

    /// <summary>Written to disk when it lands in a durable queue.</summary>
    Persistent = 2,
}

/// <summary>
/// The properties a publisher attaches to a message (the AMQP basic properties, without wire format).
/// All are optional; <see cref="Empty"/> is a shared instance with none set.
/// </summary>
public sealed record BasicProperties
{
    public static BasicProperties Empty { get; } = new();

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    /// <summary>Application headers; the broker adds <c>x-death</c> here when it dead-letters.</summary>
    public Headers? Headers { get; init; }

    public DeliveryMode DeliveryMode { get; init; } = DeliveryMode.Transient;

    /// <summary>0–255; only queues declared with <c>x-max-priority</c> honour it.</summary>
    public byte? Priority { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>Name of the queue a reply should be published to (through the default exchange).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Per-message time to live; the message expires once it has waited this long in a queue.</summary>
    public TimeSpan? Expiration { get; init; }

    public string? MessageId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? Type { get; init; }

    public string? UserId { get; init; }

    public string? AppId { get; init; }

    public bool IsPersistent => DeliveryMode == DeliveryMode.Persistent;
}
