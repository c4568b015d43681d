using System.Buffers.Binary;
using System.Globalization;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// Reads AMQP wire types (network byte order) from a span. Every read checks the remaining length and
/// reports a truncated input as <see cref="AmqpProtocolException"/> with frame-error (501).
/// </summary>
public ref partial struct AmqpReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;

    public AmqpReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _source.Length - _position;

    public byte ReadOctet() => Take(1, "octet")[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "short"));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4, "long"));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8, "longlong"));

    public AmqpTimestamp ReadTimestamp() => new(BinaryPrimitives.ReadInt64BigEndian(Take(8, "timestamp")));

    /// <summary>A short string decoded as UTF-8.</summary>
    public string ReadShortString() => ShortStringCache.GetString(ReadShortStringBytes());

    /// <summary>A short string's raw bytes, without decoding or copying.</summary>
    public ReadOnlySpan<byte> ReadShortStringBytes() => Take(ReadOctet(), "shortstr");

    /// <summary>A long string copied into its own array (long strings may be large and outlive the frame).</summary>
    public ReadOnlyMemory<byte> ReadLongString() => ReadLongStringBytes().ToArray();

    /// <summary>A long string's raw bytes, without copying.</summary>
    public ReadOnlySpan<byte> ReadLongStringBytes() => TakeLong(ReadUInt32(), "longstr");

    /// <summary>A field table; null when the table is empty.</summary>
    /// <exception cref="AmqpProtocolException">Malformed table (501), unknown value type or repeated name (502).</exception>
    public FieldTable? ReadTable()
    {
        var content = TakeLong(ReadUInt32(), "table");
        return content.IsEmpty ? null : ReadTableContent(content, depth: 0);
    }

    /// <summary>
    /// Reads the property flag words of a content header: bit 15 of the first word is property 0, bit 0 of
    /// each word says another word follows. Returns a mask with bit <c>i</c> set for each present property.
    /// </summary>
    /// <exception cref="AmqpProtocolException">A flag is set for a property beyond <paramref name="propertyCount"/> (502).</exception>
    public ulong ReadPropertyFlags(int propertyCount)
    {
        var mask = 0UL;
        var word = 0;
        ushort flags;
        do
        {
            flags = ReadUInt16();
            for (var bit = 15; bit >= 1; bit--)
            {
                if ((flags & (1 << bit)) == 0)
                {
                    continue;
                }

                var index = (word * 15) + (15 - bit);
                if (index >= propertyCount)
                {
                    throw AmqpProtocolException.Syntax(string.Create(
                        CultureInfo.InvariantCulture, $"content header sets property flag {index}, but the class defines only {propertyCount} properties"));
                }

                mask |= 1UL << index;
            }

            word++;
        }
        while ((flags & 1) != 0);

        return mask;
    }

    private ReadOnlySpan<byte> TakeLong(uint length, string what) =>
        length > (uint)Remaining ? throw Truncated(what, length) : Take((int)length, what);

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Truncated(what, (uint)count);
        }

        var span = _source.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly AmqpProtocolException Truncated(string what, uint needed) => AmqpProtocolException.Frame(string.Create(
        CultureInfo.InvariantCulture, $"truncated {what} at offset {_position}: needs {needed} bytes, {Remaining} left"));
}
