using System.Buffers.Binary;
using System.Diagnostics;

namespace ActorBroker.Cli.Perf;

/// <summary>The body layout of every perf message: the id in bytes 0–7, the send timestamp in bytes 8–15, padding after.</summary>
internal static class PerfMessage
{
    public const int HeaderSize = 16;

    public static void Stamp(Span<byte> body, long id)
    {
        BinaryPrimitives.WriteInt64LittleEndian(body, id);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], Stopwatch.GetTimestamp());
    }

    public static bool TryRead(ReadOnlySpan<byte> body, out long id, out long sentTimestamp)
    {
        if (body.Length < HeaderSize)
        {
            id = sentTimestamp = 0;
            return false;
        }
        id = BinaryPrimitives.ReadInt64LittleEndian(body);
        sentTimestamp = BinaryPrimitives.ReadInt64LittleEndian(body[8..]);
        return true;
    }

    /// <summary>Nanoseconds since <paramref name="sentTimestamp"/>, never negative.</summary>
    public static long NanosecondsSince(long sentTimestamp) =>
        Math.Max(0, (long)((Stopwatch.GetTimestamp() - sentTimestamp) * (1_000_000_000.0 / Stopwatch.Frequency)));
}
