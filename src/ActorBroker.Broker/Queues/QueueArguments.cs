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

    /// <summary>Parses declaration arguments; unknown <c>x-</c> arguments are kept by the caller but ignored here.</summary>
    /// <exception cref="BrokerException">An argument has the wrong type or an out-of-range value (precondition failed).</exception>
    public static QueueArguments Parse(Headers? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return None;
        }

        return new QueueArguments
        {
            MessageTtl = Milliseconds(arguments, "x-message-ttl", allowZero: true),
            Expires = Milliseconds(arguments, "x-expires", allowZero: false),
            MaxLength = Count(arguments, "x-max-length", 0, long.MaxValue),
            MaxLengthBytes = Count(arguments, "x-max-length-bytes", 0, long.MaxValue),
            Overflow = ParseOverflow(arguments),
            MaxPriority = (byte)(Count(arguments, "x-max-priority", 0, 255) ?? 0),
            DeadLetterExchange = Text(arguments, "x-dead-letter-exchange"),
            DeadLetterRoutingKey = Text(arguments, "x-dead-letter-routing-key"),
            DeliveryLimit = (int?)Count(arguments, "x-delivery-limit", 1, int.MaxValue),
            SingleActiveConsumer = Flag(arguments, "x-single-active-consumer"),
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

    private static OverflowBehavior ParseOverflow(Headers args) => Text(args, "x-overflow") switch
    {
        null or "drop-head" => OverflowBehavior.DropHead,
        "reject-publish" => OverflowBehavior.RejectPublish,
        "reject-publish-dlx" => OverflowBehavior.RejectPublishDeadLetter,
        var other => throw Invalid("x-overflow", other, "'drop-head', 'reject-publish' or 'reject-publish-dlx'"),
    };

    private static BrokerException Invalid(string name, FieldValue value, string expected) =>
        BrokerException.PreconditionFailed($"Invalid argument '{name}' = {value} ({value.Kind}): expected {expected}.");
}
