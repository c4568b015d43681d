using System.Buffers.Binary;
using System.Text;

namespace ActorBroker.Client.Serialization;

/// <summary>Reads what <see cref="ProtocolWriter"/> wrote; a truncated or malformed payload throws <see cref="InvalidDataException"/>.</summary>
internal ref struct ProtocolReader(ReadOnlySpan<byte> input)
{
    // Nested tables and lists deeper than this are refused, so a hostile payload cannot exhaust the stack.
    private const int MaxDepth = 64;

    private ReadOnlySpan<byte> _input = input;

    public readonly bool AtEnd => _input.IsEmpty;

    public byte Byte()
    {
        var value = Take(1)[0];
        return value;
    }

    public bool Bool() => Byte() != 0;

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint is longer than 64 bits.");
    }

    public long VarInt()
    {
        var raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32() => checked((int)VarInt());

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public string? NullableString()
    {
        var length = VarUInt();
        return length == 0 ? null : Encoding.UTF8.GetString(Take(Length(length - 1)));
    }

    public string String() => NullableString() ?? throw new InvalidDataException("A required string is missing.");

    public byte[] Bytes() => Take(Length(VarUInt())).ToArray();

    /// <summary>Bytes as a slice of <paramref name="payload"/>, the array this reader reads: a body is not copied.</summary>
    public ReadOnlyMemory<byte> Slice(byte[] payload)
    {
        var length = Length(VarUInt());
        var offset = payload.Length - _input.Length;
        Take(length);
        return payload.AsMemory(offset, length);
    }

    public IReadOnlyDictionary<string, object?>? Table() => Table(0);

    private Dictionary<string, object?>? Table(int depth)
    {
        var count = VarUInt();
        if (count == 0)
        {
            return null;
        }

        var table = new Dictionary<string, object?>(Length(count - 1), StringComparer.Ordinal);
        for (ulong i = 1; i < count; i++)
        {
            table[String()] = Value(depth + 1);
        }

        return table;
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"Header tables and lists nest deeper than {MaxDepth}.");
        }

        return (HeaderValueKind)Byte() switch
        {
            HeaderValueKind.Null => null,
            HeaderValueKind.Boolean => Bool(),
            HeaderValueKind.SByte => checked((sbyte)VarInt()),
            HeaderValueKind.Byte => checked((byte)VarUInt()),
            HeaderValueKind.Int16 => checked((short)VarInt()),
            HeaderValueKind.UInt16 => checked((ushort)VarUInt()),
            HeaderValueKind.Int32 => checked((int)VarInt()),
            HeaderValueKind.UInt32 => checked((uint)VarUInt()),
            HeaderValueKind.Int64 => VarInt(),
            HeaderValueKind.Single => BitConverter.Int32BitsToSingle((int)Int64()),
            HeaderValueKind.Double => BitConverter.Int64BitsToDouble(Int64()),
            HeaderValueKind.Decimal => new decimal([Int32(), Int32(), Int32(), Int32()]),
            HeaderValueKind.String => String(),
            HeaderValueKind.Bytes => Bytes(),
            HeaderValueKind.Timestamp => DateTimeOffset.FromUnixTimeSeconds(VarInt()),
            HeaderValueKind.Table => Table(depth) ?? new Dictionary<string, object?>(),
            HeaderValueKind.List => List(depth),
            var kind => throw new InvalidDataException($"Unknown header value kind {(byte)kind}."),
        };
    }

    private List<object?> List(int depth)
    {
        var count = Length(VarUInt());
        var list = new List<object?>(Math.Min(count, _input.Length));
        for (var i = 0; i < count; i++)
        {
            list.Add(Value(depth + 1));
        }

        return list;
    }

    private readonly int Length(ulong length) =>
        length <= (ulong)_input.Length ? (int)length : throw new InvalidDataException($"A length of {length} runs past the end of the payload.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _input.Length)
        {
            throw new InvalidDataException("The payload ends early.");
        }

        var taken = _input[..count];
        _input = _input[count..];
        return taken;
    }
}
