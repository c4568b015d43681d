namespace ActorBroker.Client;

/// <summary>
/// The properties of a message, as AMQP clients see them (basic properties). Header values keep their types across
/// the broker: null, bool, sbyte, byte, short, ushort, int, uint, long, float, double, decimal, string, byte[],
/// <see cref="DateTimeOffset"/> (whole seconds), lists of these and nested tables
/// (<see cref="IReadOnlyDictionary{TKey, TValue}"/> of string to object).
/// </summary>
public sealed record MessageProperties
{
    /// <summary>No property set; shared.</summary>
    public static MessageProperties Empty { get; } = new();

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    /// <summary>Application headers; the broker adds <c>x-death</c> here when it dead-letters.</summary>
    public IReadOnlyDictionary<string, object?>? Headers { get; init; }

    /// <summary>Written to disk when it lands in a durable queue (AMQP delivery mode 2).</summary>
    public bool Persistent { get; init; }

    /// <summary>0–255; only queues declared with <c>x-max-priority</c> honour it.</summary>
    public byte? Priority { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>Name of the queue a reply should be published to (through the default exchange).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Per-message time to live in a queue.</summary>
    public TimeSpan? Expiration { get; init; }

    public string? MessageId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? Type { get; init; }

    public string? UserId { get; init; }

    public string? AppId { get; init; }
}
