using System.Globalization;

namespace ActorBroker.Client;

/// <summary>
/// The retention of a stream, or of each partition of a super stream: whole segments are dropped from the front
/// once older than <paramref name="MaxAge"/> or beyond <paramref name="MaxLengthBytes"/>. Null keeps the broker's default.
/// </summary>
/// <param name="MaxAge">Whole seconds at least (<c>x-max-age</c>).</param>
/// <param name="MaxLengthBytes"><c>x-max-length-bytes</c>.</param>
/// <param name="MaxSegmentSizeBytes">The size a segment closes at (<c>x-stream-max-segment-size-bytes</c>, 500 MB by default).</param>
public sealed record StreamOptions(TimeSpan? MaxAge = null, long? MaxLengthBytes = null, long? MaxSegmentSizeBytes = null)
{
    public static StreamOptions Default { get; } = new();

    /// <summary>The declaration arguments these options stand for.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An age that is not a positive number of whole seconds, or a size that is not positive.</exception>
    internal Dictionary<string, object?> ToArguments()
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (MaxAge is { } age)
        {
            arguments["x-max-age"] = AgeArgument(age);
        }

        if (MaxLengthBytes is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length, nameof(MaxLengthBytes));
            arguments["x-max-length-bytes"] = length;
        }

        if (MaxSegmentSizeBytes is { } segment)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segment, nameof(MaxSegmentSizeBytes));
            arguments["x-stream-max-segment-size-bytes"] = segment;
        }

        return arguments;
    }

    // RabbitMQ's form: a count and a unit (D, h, m, s); the largest unit that divides the age exactly.
    private static string AgeArgument(TimeSpan age)
    {
        if (age <= TimeSpan.Zero || age.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, "A stream's max age is a positive number of whole seconds.");
        }

        var seconds = age.Ticks / TimeSpan.TicksPerSecond;
        var (count, unit) = seconds switch
        {
            _ when seconds % 86_400 == 0 => (seconds / 86_400, 'D'),
            _ when seconds % 3_600 == 0 => (seconds / 3_600, 'h'),
            _ when seconds % 60 == 0 => (seconds / 60, 'm'),
            _ => (seconds, 's'),
        };
        return count.ToString(CultureInfo.InvariantCulture) + unit;
    }
}

/// <summary>How a consumer actor reads a stream, or every partition of a super stream.</summary>
/// <param name="Offset">
/// Where to start; null: <see cref="StreamOffset.Next"/> for a consumer outside a group, and for a group member
/// where the group is (its committed offset; the stream's first message for a new group). An offset given to a
/// group member moves the whole group there.
/// </param>
/// <param name="ConsumerGroup">
/// Members of one group (<c>x-consumer-group</c>) share the stream's partitions: one member at a time reads a
/// partition, from the group's committed offset, which acks move on.
/// </param>
/// <param name="Prefetch">Most unacknowledged deliveries the actor holds at once, per stream; streams need one.</param>
public sealed record StreamSubscribeOptions(StreamOffset? Offset = null, string? ConsumerGroup = null, int Prefetch = 100)
{
    public static StreamSubscribeOptions Default { get; } = new();

    /// <summary>The consume arguments these options stand for; null when there are none.</summary>
    internal Dictionary<string, object?>? ToArguments()
    {
        if (Offset is null && ConsumerGroup is null)
        {
            return null;
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Offset is { } offset)
        {
            arguments["x-stream-offset"] = offset.Argument;
        }

        if (ConsumerGroup is { } group)
        {
            ArgumentException.ThrowIfNullOrEmpty(group, nameof(ConsumerGroup));
            arguments["x-consumer-group"] = group;
        }

        return arguments;
    }
}
