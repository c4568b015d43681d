using System.Globalization;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// A stream's declaration checked as RabbitMQ 3.10 checks it, and its retention: <c>x-max-age</c>,
/// <c>x-max-length-bytes</c> and <c>x-stream-max-segment-size-bytes</c>.
/// </summary>
/// <param name="MaxAge">Segments whose newest message is older than this are dropped; null keeps them.</param>
/// <param name="MaxLengthBytes">The oldest segments are dropped while the stream holds more; null keeps them.</param>
/// <param name="MaxSegmentSizeBytes">A segment is closed when it reaches this size; retention drops whole segments.</param>
internal sealed record StreamSettings(TimeSpan? MaxAge, long? MaxLengthBytes, long MaxSegmentSizeBytes)
{
    /// <summary>RabbitMQ's default segment size (500 MB).</summary>
    public const long DefaultSegmentSizeBytes = 500_000_000;

    // rabbit_stream_queue refuses these (check_invalid_arguments); other classic-only arguments are accepted and
    // have no effect on a stream, as there. A stream does not deduplicate: taking x-message-deduplication without
    // effect would let a publisher believe its retries are dropped, so it is refused too.
    private static readonly string[] s_refusedArguments =
        [Deduplication.DeduplicationSettings.QueueArgument, "x-expires", "x-message-ttl", "x-max-priority", "x-queue-mode", "x-overflow", "x-max-in-memory-length", "x-max-in-memory-bytes", "x-quorum-initial-group-size", "x-cancel-on-ha-failover"];

    public static bool IsStream(QueueDeclaration declaration) =>
        declaration.Arguments?.TryGetValue("x-queue-type", out var type) == true && type.Kind == FieldKind.String && type.AsString() == "stream";

    /// <summary>Checks a stream declaration in RabbitMQ's order and words (all 406) and reads its retention.</summary>
    /// <exception cref="BrokerException">Precondition failed.</exception>
    public static StreamSettings Parse(string stream, string virtualHost, QueueDeclaration declaration)
    {
        ReplicatedQueueDeclarations.Check(stream, virtualHost, declaration, s_refusedArguments);
        var resource = ReplicatedQueueDeclarations.Resource(stream, virtualHost);
        var arguments = declaration.Arguments ?? Headers.Empty;

        return new StreamSettings(
            ParseMaxAge(arguments, resource),
            PositiveInteger(arguments, "x-max-length-bytes", resource),
            PositiveInteger(arguments, "x-stream-max-segment-size-bytes", resource) ?? DefaultSegmentSizeBytes);
    }

    /// <summary>
    /// An age as RabbitMQ writes it: a positive whole number and a unit, <c>Y</c> (365 days), <c>M</c> (30 days),
    /// <c>D</c>, <c>h</c>, <c>m</c> or <c>s</c> (<c>7D</c>, <c>12h</c>); null when <paramref name="text"/> is not one.
    /// </summary>
    public static TimeSpan? ParseAge(string text)
    {
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return null;
        }

        TimeSpan? unit = text[^1] switch
        {
            'Y' => TimeSpan.FromDays(365),
            'M' => TimeSpan.FromDays(30),
            'D' => TimeSpan.FromDays(1),
            'h' => TimeSpan.FromHours(1),
            'm' => TimeSpan.FromMinutes(1),
            's' => TimeSpan.FromSeconds(1),
            _ => null,
        };
        return unit is { } length && count <= TimeSpan.MaxValue.Ticks / length.Ticks ? length * count : null;
    }

    private static TimeSpan? ParseMaxAge(Headers arguments, string resource)
    {
        if (!arguments.TryGetValue("x-max-age", out var value))
        {
            return null;
        }

        return value.Kind == FieldKind.String && ParseAge(value.AsString()) is { } age
            ? age
            : throw BrokerException.PreconditionFailed($"invalid arg 'x-max-age' for {resource}: {value} is not an age such as 7D, 12h, 30m or 10s (units Y, M, D, h, m, s)");
    }

    private static long? PositiveInteger(Headers arguments, string name, string resource)
    {
        if (!arguments.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.TryGetInteger(out var number) && number > 0
            ? number
            : throw BrokerException.PreconditionFailed($"invalid arg '{name}' for {resource}: {value} is not a positive integer");
    }
}
