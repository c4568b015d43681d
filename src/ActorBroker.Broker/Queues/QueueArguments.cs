using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>The <c>x-</c> arguments of a queue, parsed and checked once at declaration.</summary>
public sealed record QueueArguments
{
    public static QueueArguments None { get; } = new();

    /// <summary><c>x-message-ttl</c>: how long a message may wait in the queue.</summary>
    public TimeSpan? MessageTtl { get; init; }

    /// <summary><c>x-expires</c>: the queue is deleted after being unused this long.</summary>
    public TimeSpan? Expires { get; init; }

    /// <summary><c>x-max-length</c>: most ready messages.</summary>
    public long? MaxLength { get; init; }

    /// <summary><c>x-max-length-bytes</c>: most bytes of ready message bodies.</summary>
    public long? MaxLengthBytes { get; init; }

    public OverflowBehavior Overflow { get; init; } = OverflowBehavior.DropHead;

    /// <summary><c>x-max-priority</c>: highest honoured message priority (0 = no priorities).</summary>
    public byte MaxPriority { get; init; }

    /// <summary><c>x-dead-letter-exchange</c>; null means dead messages are dropped.</summary>
    public string? DeadLetterExchange { get; init; }

    /// <summary><c>x-dead-letter-routing-key</c>; null keeps the message's routing key.</summary>
    public string? DeadLetterRoutingKey { get; init; }

    /// <summary><c>x-delivery-limit</c>: deliveries without an ack before the message is dead-lettered.</summary>
    public int? DeliveryLimit { get; init; }

    /// <summary><c>x-single-active-consumer</c>: only one consumer receives at a time; the next takes over when it goes.</summary>
    public bool SingleActiveConsumer { get; init; }

    /// <summary><c>x-queue-type</c>: classic (the default), quorum or stream.</summary>
    public QueueType Type { get; init; }

    /// <summary><c>x-dead-letter-strategy</c> (quorum queues): at-most-once (the default) or at-least-once.</summary>
    public DeadLetterStrategy DeadLetterStrategy { get; init; }

    /// <summary><c>x-schema</c>: the schema of the virtual host every message must satisfy to enter the queue.</summary>
    public string? Schema { get; init; }

    /// <summary><c>x-message-deduplication</c> with <c>x-cache-size</c> and <c>x-cache-ttl</c>; null: no deduplication.</summary>
    public DeduplicationSettings? Deduplication { get; init; }

    /// <summary>
    /// Whether dead letters leave the queue only once their dead-letter queues hold them. As in RabbitMQ, that
    /// takes a quorum queue with <c>x-dead-letter-strategy = at-least-once</c>, <c>x-overflow = reject-publish</c>
    /// and a dead-letter exchange; otherwise the strategy is at-most-once.
    /// </summary>
    public bool DeadLettersAtLeastOnce =>
        Type == QueueType.Quorum && DeadLetterStrategy == DeadLetterStrategy.AtLeastOnce
        && Overflow == OverflowBehavior.RejectPublish && DeadLetterExchange is not null;

    /// <summary>
    /// Whether a message that came back after <paramref name="deliveries"/> deliveries has used up its delivery limit.
    /// A quorum queue counts returns as RabbitMQ does (dead-lettered when the returns exceed the limit, so a limit of
    /// N allows N + 1 deliveries); a classic queue allows N deliveries.
    /// </summary>
    public bool DeliveryLimitReached(int deliveries) =>
        DeliveryLimit is { } limit && (Type == QueueType.Quorum ? deliveries > limit : deliveries >= limit);

    /// <summary>Parses declaration arguments; unknown <c>x-</c> arguments are kept by the caller but ignored here.</summary>
    /// <exception cref="BrokerException">An argument has the wrong type or an out-of-range value (precondition failed).</exception>
    public static QueueArguments Parse(Headers? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return None;
        }

        var type = ParseType(arguments);
        return new QueueArguments
        {
            Type = type,
            DeadLetterStrategy = ParseDeadLetterStrategy(arguments),
            MessageTtl = Milliseconds(arguments, "x-message-ttl", allowZero: true),
            Expires = Milliseconds(arguments, "x-expires", allowZero: false),
            MaxLength = Count(arguments, "x-max-length", 0, long.MaxValue),
            MaxLengthBytes = Count(arguments, "x-max-length-bytes", 0, long.MaxValue),
            Overflow = ParseOverflow(arguments, type),
            MaxPriority = (byte)(Count(arguments, "x-max-priority", 0, 255) ?? 0),
            DeadLetterExchange = Text(arguments, "x-dead-letter-exchange"),
            DeadLetterRoutingKey = Text(arguments, "x-dead-letter-routing-key"),
            DeliveryLimit = (int?)Count(arguments, "x-delivery-limit", 1, int.MaxValue),
            SingleActiveConsumer = Flag(arguments, "x-single-active-consumer"),
            Schema = Text(arguments, Schemas.MessageSchema.Argument),
            Deduplication = DeduplicationSettings.ForQueue(arguments),
        };
    }

    private static TimeSpan? Milliseconds(Headers args, string name, bool allowZero) =>
        Count(args, name, allowZero ? 0 : 1, (long)TimeSpan.MaxValue.TotalMilliseconds) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    private static long? Count(Headers args, string name, long min, long max)
    {
        if (!args.TryGetValue(name, out var value))
        {
            return null;
        }

        if (!value.TryGetInteger(out var number) || number < min || number > max)
        {
            throw Invalid(name, value, $"an integer from {min} to {max}");
        }

        return number;
    }

    private static string? Text(Headers args, string name)
    {
        if (!args.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.Kind == FieldKind.String ? value.AsString() : throw Invalid(name, value, "a string");
    }

    private static bool Flag(Headers args, string name)
    {
        if (!args.TryGetValue(name, out var value))
        {
            return false;
        }

        return value.Kind == FieldKind.Boolean ? value.AsBoolean() : throw Invalid(name, value, "a boolean");
    }

    // Other types would silently behave as classic, so they are refused.
    private static QueueType ParseType(Headers args) => Text(args, "x-queue-type") switch
    {
        null or "classic" => QueueType.Classic,
        "quorum" => QueueType.Quorum,
        "stream" => QueueType.Stream,
        var other => throw Invalid("x-queue-type", other, "'classic', 'quorum' or 'stream'"),
    };

    private static DeadLetterStrategy ParseDeadLetterStrategy(Headers args) => Text(args, "x-dead-letter-strategy") switch
    {
        null or "at-most-once" => DeadLetterStrategy.AtMostOnce,
        "at-least-once" => DeadLetterStrategy.AtLeastOnce,
        var other => throw Invalid("x-dead-letter-strategy", other, "'at-most-once' or 'at-least-once'"),
    };

    // RabbitMQ 3.10 takes reject-publish-dlx on a quorum queue and runs it as drop-head (with a warning in its log).
    private static OverflowBehavior ParseOverflow(Headers args, QueueType type) => Text(args, "x-overflow") switch
    {
        null or "drop-head" => OverflowBehavior.DropHead,
        "reject-publish" => OverflowBehavior.RejectPublish,
        "reject-publish-dlx" when type == QueueType.Quorum => OverflowBehavior.DropHead,
        "reject-publish-dlx" => OverflowBehavior.RejectPublishDeadLetter,
        var other => throw Invalid("x-overflow", other, "'drop-head', 'reject-publish' or 'reject-publish-dlx'"),
    };

    private static BrokerException Invalid(string name, FieldValue value, string expected) =>
        BrokerException.PreconditionFailed($"Invalid argument '{name}' = {value} ({value.Kind}): expected {expected}.");
}
