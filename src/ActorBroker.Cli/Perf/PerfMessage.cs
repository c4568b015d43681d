using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// The body layout of every perf message: the id in bytes 0–7, the send timestamp in bytes 8–15, padding after; or,
/// for a queue that validates a JSON Schema, a JSON object with both as fixed-width hex strings at fixed offsets
/// (see <see cref="StampJson"/>), so that neither layout costs a parser on the consumer's side.
/// </summary>
internal static class PerfMessage
{
    public const int HeaderSize = 16;

    private const string JsonId = "{\"id\":\"";
    private const string JsonSent = "\",\"sent\":\"";
    private const string JsonPad = "\",\"pad\":\"";
    private const int JsonIdAt = 7;
    private const int JsonSentAt = JsonIdAt + 16 + 10;

    /// <summary>The smallest JSON body: the two fields and an empty pad.</summary>
    public const int JsonMinimumSize = JsonSentAt + 16 + 9 + 2;

    /// <summary>
    /// Writes <c>{"id":"…","sent":"…","pad":"xx…"}</c> over the whole of <paramref name="body"/> (at least
    /// <see cref="JsonMinimumSize"/> bytes), the id and timestamp as 16 lowercase hex digits each.
    /// </summary>
    public static void StampJson(Span<byte> body, long id)
    {
        Encoding.ASCII.GetBytes(JsonId, body);
        id.TryFormat(body[JsonIdAt..], out _, "x16", CultureInfo.InvariantCulture);
        Encoding.ASCII.GetBytes(JsonSent, body[(JsonIdAt + 16)..]);
        Stopwatch.GetTimestamp().TryFormat(body[JsonSentAt..], out _, "x16", CultureInfo.InvariantCulture);
        var pad = body[(JsonSentAt + 16)..];
        Encoding.ASCII.GetBytes(JsonPad, pad);
        pad[9..^2].Fill((byte)'x');
        pad[^2] = (byte)'"';
        pad[^1] = (byte)'}';
    }

    public static void Stamp(Span<byte> body, long id)
    {
        BinaryPrimitives.WriteInt64LittleEndian(body, id);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], Stopwatch.GetTimestamp());
    }

    /// <summary>Reads a body written by <see cref="Stamp"/>, or with <paramref name="json"/> by <see cref="StampJson"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, bool json, out long id, out long sentTimestamp)
    {
        if (json)
        {
            id = 0;
            sentTimestamp = 0;
            return body.Length >= JsonMinimumSize
                && long.TryParse(body.Slice(JsonIdAt, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id)
                && long.TryParse(body.Slice(JsonSentAt, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sentTimestamp);
        }

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
