using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// Writes AMQP wire types (network byte order) into a span sized beforehand with the <c>SizeOf…</c> helpers
/// or a method's <c>GetSize()</c>. A null string or table is written as empty.
/// </summary>
public ref partial struct AmqpWriter
{
    /// <summary>The longest short string, in UTF-8 bytes.</summary>
    public const int MaxShortStringLength = 255;

    private readonly Span<byte> _destination;
    private int _position;

    public AmqpWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteOctet(byte value) => Take(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);

    public void WriteTimestamp(AmqpTimestamp value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value.UnixSeconds);

    /// <exception cref="ArgumentException">The string is longer than 255 UTF-8 bytes.</exception>
    public void WriteShortString(string? value)
    {
        value ??= string.Empty;
        var room = Math.Min(MaxShortStringLength, _destination.Length - _position - 1);
        if (room < 0 || !Encoding.UTF8.TryGetBytes(value, _destination.Slice(_position + 1, room), out var written))
        {
            SizeOfShortString(value);   // throws, with the length, when the string itself is too long
            throw new ArgumentException("destination is too small for the short string", nameof(value));
        }

        _destination[_position] = (byte)written;
        _position += 1 + written;
    }

    public void WriteLongString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        value.CopyTo(Take(value.Length));
    }

    /// <summary>Writes the property flag words for the present properties in <paramref name="mask"/>.</summary>
    public void WritePropertyFlags(ulong mask)
    {
        var words = FlagWordCount(mask);
        for (var word = 0; word < words; word++)
        {
            var flags = word < words - 1 ? 1 : 0;
            for (var bit = 15; bit >= 1; bit--)
            {
                var index = (word * 15) + (15 - bit);
                if (index < 64 && (mask & (1UL << index)) != 0)
                {
                    flags |= 1 << bit;
                }
            }

            WriteUInt16((ushort)flags);
        }
    }

    /// <exception cref="ArgumentException">The string is longer than 255 UTF-8 bytes.</exception>
    public static int SizeOfShortString(string? value)
    {
        value ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > MaxShortStringLength)
        {
            throw new ArgumentException(
                $"short string '{value[..Math.Min(value.Length, 40)]}…' is {length} UTF-8 bytes; AMQP allows at most {MaxShortStringLength}",
                nameof(value));
        }

        return 1 + length;
    }

    public static int SizeOfPropertyFlags(ulong mask) => 2 * FlagWordCount(mask);

    // Fifteen properties per word: as many words as the highest present property needs, and at least one.
    private static int FlagWordCount(ulong mask) => mask == 0 ? 1 : ((63 - BitOperations.LeadingZeroCount(mask)) / 15) + 1;

    private Span<byte> Take(int count)
    {
        var span = _destination.Slice(_position, count);
        _position += count;
        return span;
    }
}
