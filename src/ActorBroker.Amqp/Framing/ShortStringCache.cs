using System.Text;
using System.Text.Unicode;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// Decodes short strings through a small per-thread cache, so the exchange names, routing keys and
/// consumer tags that repeat on every publish and ack do not allocate a new string each time.
/// </summary>
internal static class ShortStringCache
{
    private const int SetCount = 128;
    private const int MaxCachedLength = 64;

    // Two entries per set: the hash is seeded per process, so any two hot names (an exchange and its routing key)
    // share a set now and then; with one entry per set they would evict each other and allocate on every message.
    private const int Ways = 2;

    // Per thread so lookups need no lock; a decode never blocks, so a thread's cache is never shared mid-use.
    [ThreadStatic]
    private static Entry[]? s_threadSlots;

    public static string GetString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxCachedLength)
        {
            return Decode(utf8);
        }

        var slots = s_threadSlots ??= new Entry[SetCount * Ways];
        var set = slots.AsSpan(SetOf(utf8) * Ways, Ways);
        foreach (var entry in set)
        {
            if (entry.Utf8 is { } cached && utf8.SequenceEqual(cached))
            {
                return entry.Value!;
            }
        }

        var value = Decode(utf8);
        set[1] = set[0];
        set[0] = new Entry(utf8.ToArray(), value);
        return value;
    }

    internal static int SetOf(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode() & (SetCount - 1);
    }

    // Invalid UTF-8 would decode to replacement characters that no longer fit 255 bytes when the name is
    // written back (a consumer tag echoed, a queue name listed), so it is refused at the door.
    private static string Decode(ReadOnlySpan<byte> utf8) => Utf8.IsValid(utf8)
        ? Encoding.UTF8.GetString(utf8)
        : throw AmqpProtocolException.Syntax("short string is not valid UTF-8");

    private record struct Entry(byte[]? Utf8, string? Value);
}
