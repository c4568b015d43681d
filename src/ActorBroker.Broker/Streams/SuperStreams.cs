using System.Text;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// A super stream: an exchange of type <c>x-super-stream</c> with <c>x-partitions = N</c> in front of N streams named
/// <c>&lt;exchange&gt;-0 … &lt;exchange&gt;-(N−1)</c>. A message goes to the partition its routing key hashes to.
/// </summary>
internal static class SuperStreams
{
    public const string PartitionsArgument = "x-partitions";

    /// <summary>Most partitions one super stream may have: each is a stream actor with its own log.</summary>
    public const int MaxPartitions = 1000;

    // RabbitMQ's .NET stream client's HashRoutingMurmurStrategy seed.
    private const uint Seed = 104729;

    // Arguments of the exchange that each partition is declared with.
    private static readonly string[] s_partitionArguments = ["x-max-age", "x-max-length-bytes", "x-stream-max-segment-size-bytes"];

    public static string PartitionName(string superStream, int partition) => $"{superStream}-{partition}";

    /// <summary>The partition of <paramref name="routingKey"/>: murmur3_32 of its UTF-8 bytes, unsigned, modulo the partitions.</summary>
    public static int PartitionOf(string routingKey, int partitions)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(routingKey.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetByteCount(routingKey)];
        var length = Encoding.UTF8.GetBytes(routingKey, bytes);
        return (int)(Murmur3.Hash32(bytes[..length], Seed) % (uint)partitions);
    }

    /// <summary>The <c>x-partitions</c> argument of a super stream declaration.</summary>
    /// <exception cref="BrokerException">Missing, not an integer, or out of range (precondition failed).</exception>
    public static int Partitions(string exchange, Headers? arguments)
    {
        if (arguments is null || !arguments.TryGetValue(PartitionsArgument, out var value))
        {
            throw BrokerException.PreconditionFailed($"super stream '{exchange}' needs the argument '{PartitionsArgument}' (the number of partitions, 1 to {MaxPartitions})");
        }

        return value.TryGetInteger(out var count) && count is >= 1 and <= MaxPartitions
            ? (int)count
            : throw BrokerException.PreconditionFailed($"invalid arg '{PartitionsArgument}' for super stream '{exchange}': {value} is not a number of partitions from 1 to {MaxPartitions}");
    }

    /// <summary>The declaration arguments of each partition: a stream, with the super stream's retention.</summary>
    public static Headers PartitionArguments(Headers? superStreamArguments)
    {
        var arguments = new Headers { ["x-queue-type"] = "stream" };
        foreach (var name in s_partitionArguments)
        {
            if (superStreamArguments?.TryGetValue(name, out var value) == true)
            {
                arguments[name] = value;
            }
        }

        return arguments;
    }
}
