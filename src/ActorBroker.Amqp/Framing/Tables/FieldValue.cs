using System.Text;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// One typed value of a <see cref="FieldTable"/> or field array. Numbers are stored inline;
/// strings, byte arrays, arrays and tables by reference.
/// </summary>
public readonly partial struct FieldValue : IEquatable<FieldValue>
{
    private readonly FieldValueKind _kind;
    private readonly long _bits;
    private readonly object? _reference;

    private FieldValue(FieldValueKind kind, long bits, object? reference = null)
    {
        _kind = kind;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The value's type; <c>default(FieldValue)</c> is <see cref="FieldValueKind.Void"/>.</summary>
    public FieldValueKind Kind => _kind == 0 ? FieldValueKind.Void : _kind;

    public static FieldValue Void => new(FieldValueKind.Void, 0);

    public static FieldValue Of(bool value) => new(FieldValueKind.Boolean, value ? 1 : 0);

    public static FieldValue Of(sbyte value) => new(FieldValueKind.SByte, value);

    public static FieldValue Of(byte value) => new(FieldValueKind.Byte, value);

    public static FieldValue Of(short value) => new(FieldValueKind.Int16, value);

    public static FieldValue Of(ushort value) => new(FieldValueKind.UInt16, value);

    public static FieldValue Of(int value) => new(FieldValueKind.Int32, value);

    public static FieldValue Of(uint value) => new(FieldValueKind.UInt32, value);

    public static FieldValue Of(long value) => new(FieldValueKind.Int64, value);

    public static FieldValue Of(float value) => new(FieldValueKind.Single, BitConverter.SingleToInt32Bits(value));

    public static FieldValue Of(double value) => new(FieldValueKind.Double, BitConverter.DoubleToInt64Bits(value));

    public static FieldValue Of(AmqpDecimal value) => new(FieldValueKind.Decimal, ((long)value.Scale << 32) | value.UnscaledValue);

    public static FieldValue Of(AmqpTimestamp value) => new(FieldValueKind.Timestamp, value.UnixSeconds);

    /// <summary>A long string ('S') holding the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static FieldValue Of(string value) => new(FieldValueKind.LongString, 0, Encoding.UTF8.GetBytes(value));

    public static FieldValue Of(FieldTable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(FieldValueKind.Table, 0, value);
    }

    /// <summary>A field array ('A') of the given values, copied.</summary>
    public static FieldValue Of(IEnumerable<FieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(FieldValueKind.Array, 0, values.ToArray());
    }

    /// <summary>A long string ('S') of raw bytes, copied.</summary>
    public static FieldValue LongString(ReadOnlySpan<byte> utf8) => new(FieldValueKind.LongString, 0, utf8.ToArray());

    /// <summary>A byte array ('x'), copied.</summary>
    public static FieldValue ByteArray(ReadOnlySpan<byte> bytes) => new(FieldValueKind.ByteArray, 0, bytes.ToArray());

    internal static FieldValue OwnedBytes(FieldValueKind kind, byte[] bytes) => new(kind, 0, bytes);

    internal static FieldValue OwnedArray(FieldValue[] values) => new(FieldValueKind.Array, 0, values);

    public bool AsBoolean() => Expect(FieldValueKind.Boolean)._bits != 0;

    public sbyte AsSByte() => (sbyte)Expect(FieldValueKind.SByte)._bits;

    public byte AsByte() => (byte)Expect(FieldValueKind.Byte)._bits;

    public short AsInt16() => (short)Expect(FieldValueKind.Int16)._bits;

    public ushort AsUInt16() => (ushort)Expect(FieldValueKind.UInt16)._bits;

    public int AsInt32() => (int)Expect(FieldValueKind.Int32)._bits;

    public uint AsUInt32() => (uint)Expect(FieldValueKind.UInt32)._bits;

    public long AsInt64() => Expect(FieldValueKind.Int64)._bits;

    public float AsSingle() => BitConverter.Int32BitsToSingle((int)Expect(FieldValueKind.Single)._bits);

    public double AsDouble() => BitConverter.Int64BitsToDouble(Expect(FieldValueKind.Double)._bits);

    public AmqpDecimal AsDecimal()
    {
        var bits = Expect(FieldValueKind.Decimal)._bits;
        return new AmqpDecimal((byte)(bits >> 32), (uint)bits);
    }

    public AmqpTimestamp AsTimestamp() => new(Expect(FieldValueKind.Timestamp)._bits);

    /// <summary>The bytes of a long string ('S') or byte array ('x').</summary>
    public ReadOnlyMemory<byte> AsBytes() => Kind is FieldValueKind.LongString or FieldValueKind.ByteArray
        ? (byte[])_reference!
        : throw WrongKind("LongString or ByteArray");

    /// <summary>A long string ('S') decoded as UTF-8.</summary>
    public string AsString() => Encoding.UTF8.GetString((byte[])Expect(FieldValueKind.LongString)._reference!);

    public FieldTable AsTable() => (FieldTable)Expect(FieldValueKind.Table)._reference!;

    public IReadOnlyList<FieldValue> AsArray() => (FieldValue[])Expect(FieldValueKind.Array)._reference!;

    /// <summary>
    /// Reads any integer kind (b, B, s, u, I, i, l) as a long: clients send the same argument
    /// (say <c>x-max-length</c>) with different integer types.
    /// </summary>
    public bool TryGetInteger(out long value)
    {
        var isInteger = Kind is FieldValueKind.SByte or FieldValueKind.Byte or FieldValueKind.Int16 or FieldValueKind.UInt16
            or FieldValueKind.Int32 or FieldValueKind.UInt32 or FieldValueKind.Int64;
        value = isInteger ? _bits : 0;
        return isInteger;
    }

    private FieldValue Expect(FieldValueKind kind) => Kind == kind ? this : throw WrongKind(kind.ToString());

    private InvalidOperationException WrongKind(string expected) =>
        new($"field value is {Kind} ('{(char)Kind}'), not {expected}");
}
