using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Streams;

/// <summary>Where a consumer starts reading a stream: the <c>x-stream-offset</c> consume argument.</summary>
internal abstract record StreamStart
{
    public const string Argument = "x-stream-offset";

    /// <summary><c>next</c>, RabbitMQ's default: only messages written after the consumer started.</summary>
    public static StreamStart Next { get; } = new NextStart();

    /// <summary>
    /// Reads the argument: <c>first</c>, <c>last</c>, <c>next</c>, an absolute offset (any integer), a timestamp
    /// (AMQP's seconds since the epoch) or an age relative to now as <c>x-max-age</c> writes it (<c>1h</c>).
    /// </summary>
    /// <exception cref="BrokerException">Any other value (precondition failed).</exception>
    public static StreamStart Parse(Headers? arguments, DateTimeOffset now)
    {
        if (arguments is null || !arguments.TryGetValue(Argument, out var value))
        {
            return Next;
        }

        if (value.TryGetInteger(out var offset))
        {
            return new AtOffset(Math.Max(0, offset));
        }

        return value.Kind switch
        {
            FieldKind.Timestamp => new AtTime(value.AsTimestamp()),
            FieldKind.String => value.AsString() switch
            {
                "first" => new FirstStart(),
                "last" => new LastStart(),
                "next" => Next,
                var text when StreamSettings.ParseAge(text) is { } age => new AtTime(now - age),
                _ => throw Invalid(value),
            },
            _ => throw Invalid(value),
        };
    }

    private static BrokerException Invalid(FieldValue value) => BrokerException.PreconditionFailed(
        $"invalid arg '{Argument}' ({value}, {value.Kind}): expected first, last, next, an offset, a timestamp or an age such as 1h");

    /// <summary>The oldest message the stream still holds.</summary>
    public sealed record FirstStart : StreamStart;

    /// <summary>The newest message written (RabbitMQ starts at its last chunk; a chunk here is one message).</summary>
    public sealed record LastStart : StreamStart;

    public sealed record NextStart : StreamStart;

    /// <summary>An absolute offset; below the oldest kept it starts at the oldest, past the end at the next one written.</summary>
    public sealed record AtOffset(long Offset) : StreamStart;

    /// <summary>The first message written at or after <paramref name="Time"/>.</summary>
    public sealed record AtTime(DateTimeOffset Time) : StreamStart;
}
