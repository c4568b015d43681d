using System.Globalization;

namespace ActorBroker.Client;

/// <summary>Where a stream consumer starts reading (the <c>x-stream-offset</c> consume argument).</summary>
public sealed record StreamOffset
{
    private StreamOffset(object argument) => Argument = argument;

    /// <summary>The oldest message the stream still holds.</summary>
    public static StreamOffset First { get; } = new("first");

    /// <summary>The newest message written.</summary>
    public static StreamOffset Last { get; } = new("last");

    /// <summary>Only messages written after the consumer starts (the default of a consumer outside a group).</summary>
    public static StreamOffset Next { get; } = new("next");

    /// <summary>The value the broker reads: <c>first</c>, <c>last</c>, <c>next</c>, a 64-bit offset or a timestamp.</summary>
    internal object Argument { get; }

    /// <summary>
    /// The message at <paramref name="offset"/> (a delivery's <see cref="BrokerDelivery.Offset"/>); below the oldest
    /// kept the consumer starts at the oldest, past the end at the next one written.
    /// </summary>
    public static StreamOffset At(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return new StreamOffset(offset);
    }

    /// <summary>The first message written at or after <paramref name="time"/> (whole seconds, as AMQP timestamps are).</summary>
    public static StreamOffset FromTime(DateTimeOffset time) => new(DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds()));

    public override string ToString() => Argument switch
    {
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(Argument, CultureInfo.InvariantCulture)!,
    };
}
