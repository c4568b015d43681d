using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorBroker.Client.Serialization;

/// <summary>
/// Writes the protocol's primitives: unsigned LEB128 varints, length-prefixed UTF-8 strings (length + 1, so that 0
/// means null), length-prefixed bytes, and typed header values. <see cref="ProtocolReader"/> reads them back.
/// </summary>
internal ref struct ProtocolWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public readonly void Byte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public readonly void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public readonly void VarUInt(ulong value)
    {
        var span = _output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _output.Advance(i);
    }

    /// <summary>Zig-zag, so small negative numbers stay short.</summary>
    public readonly void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public readonly void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public readonly void String(string? value)
    {
        if (value is null)
        {
            VarUInt(0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        VarUInt((ulong)length + 1);
        Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(length);
    }

    public readonly void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt((ulong)value.Length);
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    public readonly void Table(IReadOnlyDictionary<string, object?>? table)
    {
        if (table is null)
        {
            VarUInt(0);
            return;
        }

        VarUInt((ulong)table.Count + 1);
        foreach (var (name, value) in table)
        {
            String(name);
            Value(name, value);
        }
    }

    /// <exception cref="ArgumentException">A value of a type AMQP field tables cannot carry.</exception>
    private readonly void Value(string name, object? value)
    {
        var kind = HeaderValueKinds.Of(name, value);
        Byte((byte)kind);
        switch (value)
        {
            case null:
                break;
            case bool b:
                Bool(b);
                break;
            case sbyte or short or int or long:
                VarInt(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case byte or ushort or uint:
                VarUInt(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case float f:
                Int64(BitConverter.SingleToInt32Bits(f));
                break;
            case double d:
                Int64(BitConverter.DoubleToInt64Bits(d));
                break;
            case decimal m:
                Span<int> bits = stackalloc int[4];
                decimal.GetBits(m, bits);
                foreach (var part in bits)
                {
                    VarInt(part);
                }

                break;
            case string s:
                String(s);
                break;
            case byte[] bytes:
                Bytes(bytes);
                break;
            case DateTimeOffset time:
                VarInt(time.ToUnixTimeSeconds());
                break;
            case IReadOnlyDictionary<string, object?> table:
                Table(table);
                break;
            case IEnumerable<object?> list:
                var items = list as IReadOnlyCollection<object?> ?? [.. list];
                VarUInt((ulong)items.Count);
                foreach (var item in items)
                {
                    Value(name, item);
                }

                break;
        }
    }
}
