namespace ActorBroker.Amqp.Framing;

/// <summary>An AMQP timestamp: seconds since the Unix epoch, kept as the raw 64-bit value so any wire value survives a round trip.</summary>
public readonly record struct AmqpTimestamp(long UnixSeconds)
{
    public static AmqpTimestamp FromDateTimeOffset(DateTimeOffset value) => new(value.ToUnixTimeSeconds());

    /// <exception cref="ArgumentOutOfRangeException">The value is outside the years 0001–9999.</exception>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);
}
