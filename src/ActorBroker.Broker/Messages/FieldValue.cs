namespace ActorBroker.Broker.Messages;

/// <summary>The kind of value a <see cref="FieldValue"/> holds.</summary>
public enum FieldKind : byte
{
    Void,
    Boolean,
    Integer,
    Double,
    Decimal,
    String,
    Bytes,
    Timestamp,
    Array,
    Table,
}

/// <summary>
/// The width and signedness a number was given, so that it leaves the broker as it came: a client that sent a
/// 32-bit int reads a 32-bit int back. Integers of every width are <see cref="FieldKind.Integer"/> and floats of
/// both widths <see cref="FieldKind.Double"/>, so code that only needs the value reads them one way.
/// </summary>
public enum NumberType : byte
{
    /// <summary>Not a number.</summary>
    None,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    Single,
    Double,
}

/// <summary>
/// One typed value of a header table: a small tagged union so headers keep their types without
/// boxing numbers. The broker is protocol-agnostic; a wire codec maps its own field types onto these kinds.
/// </summary>
public readonly struct FieldValue : IEquatable<FieldValue>
{
    private readonly long _bits;
    private readonly object? _ref;

    // 0 is the kind's widest type (Int64, Double), so default-built numbers and old journal records read as before.
    private readonly NumberType _narrowType;

    private FieldValue(FieldKind kind, long bits, object? reference, NumberType narrowType = NumberType.None)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
        _narrowType = narrowType;
    }

    /// <summary>The kind of the value; read it before calling an <c>As…</c> accessor.</summary>
    public FieldKind Kind { get; }

    /// <summary>The number's width as it was given; <see cref="NumberType.None"/> for values that are not numbers.</summary>
    public NumberType NumberType => Kind switch
    {
        FieldKind.Integer => _narrowType == NumberType.None ? NumberType.Int64 : _narrowType,
        FieldKind.Double => _narrowType == NumberType.None ? NumberType.Double : _narrowType,
        _ => NumberType.None,
    };

    public static FieldValue Void => default;

    public static FieldValue From(bool value) => new(FieldKind.Boolean, value ? 1 : 0, null);

    public static FieldValue From(long value) => new(FieldKind.Integer, value, null);

    public static FieldValue From(int value) => new(FieldKind.Integer, value, null, NumberType.Int32);

    public static FieldValue From(uint value) => new(FieldKind.Integer, value, null, NumberType.UInt32);

    public static FieldValue From(short value) => new(FieldKind.Integer, value, null, NumberType.Int16);

    public static FieldValue From(ushort value) => new(FieldKind.Integer, value, null, NumberType.UInt16);

    public static FieldValue From(sbyte value) => new(FieldKind.Integer, value, null, NumberType.SByte);

    public static FieldValue From(byte value) => new(FieldKind.Integer, value, null, NumberType.Byte);

    public static FieldValue From(double value) => new(FieldKind.Double, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A single-precision float; <see cref="AsDouble"/> reads it widened exactly.</summary>
    public static FieldValue From(float value) => new(FieldKind.Double, BitConverter.DoubleToInt64Bits(value), null, NumberType.Single);

    /// <summary>An integer of the given type, as the journal restores it.</summary>
    /// <exception cref="OverflowException">The value does not fit the type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The type is not an integer type.</exception>
    public static FieldValue Number(long value, NumberType type) => type switch
    {
        NumberType.SByte => From(checked((sbyte)value)),
        NumberType.Byte => From(checked((byte)value)),
        NumberType.Int16 => From(checked((short)value)),
        NumberType.UInt16 => From(checked((ushort)value)),
        NumberType.Int32 => From(checked((int)value)),
        NumberType.UInt32 => From(checked((uint)value)),
        NumberType.Int64 => From(value),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an integer type."),
    };

    public static FieldValue From(decimal value) => new(FieldKind.Decimal, 0, value);

    public static FieldValue From(string value) => new(FieldKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static FieldValue From(ReadOnlyMemory<byte> value) => new(FieldKind.Bytes, 0, value.ToArray());

    public static FieldValue From(DateTimeOffset value) => new(FieldKind.Timestamp, value.ToUnixTimeSeconds(), null);

    public static FieldValue From(IReadOnlyList<FieldValue> value) => new(FieldKind.Array, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static FieldValue From(Headers value) => new(FieldKind.Table, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator FieldValue(bool value) => From(value);

    public static implicit operator FieldValue(long value) => From(value);

    public static implicit operator FieldValue(int value) => From(value);

    public static implicit operator FieldValue(float value) => From(value);

    public static implicit operator FieldValue(double value) => From(value);

    public static implicit operator FieldValue(string value) => From(value);

    public static implicit operator FieldValue(DateTimeOffset value) => From(value);

    public static implicit operator FieldValue(Headers value) => From(value);

    public bool AsBoolean() => Expect(FieldKind.Boolean)._bits != 0;

    public long AsInteger() => Expect(FieldKind.Integer)._bits;

    public double AsDouble() => BitConverter.Int64BitsToDouble(Expect(FieldKind.Double)._bits);

    public decimal AsDecimal() => (decimal)Expect(FieldKind.Decimal)._ref!;

    public string AsString() => (string)Expect(FieldKind.String)._ref!;

    public ReadOnlyMemory<byte> AsBytes() => (byte[])Expect(FieldKind.Bytes)._ref!;

    /// <summary>A timestamp, with the one-second resolution that message timestamps have.</summary>
    public DateTimeOffset AsTimestamp() => DateTimeOffset.FromUnixTimeSeconds(Expect(FieldKind.Timestamp)._bits);

    public IReadOnlyList<FieldValue> AsArray() => (IReadOnlyList<FieldValue>)Expect(FieldKind.Array)._ref!;

    public Headers AsTable() => (Headers)Expect(FieldKind.Table)._ref!;

    /// <summary>Reads an integer, or a string holding one (clients send numeric arguments either way).</summary>
    public bool TryGetInteger(out long value)
    {
        switch (Kind)
        {
            case FieldKind.Integer:
                value = _bits;
                return true;
            case FieldKind.String:
                return long.TryParse((string)_ref!, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Equal kinds and values; the width of a number does not count, as a 5 matches a 5 in RabbitMQ's headers exchange.</summary>
    public bool Equals(FieldValue other)
    {
        if (Kind != other.Kind || _bits != other._bits)
        {
            return false;
        }

        return Kind switch
        {
            FieldKind.Bytes => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
            FieldKind.Array => ((IReadOnlyList<FieldValue>)_ref!).SequenceEqual((IReadOnlyList<FieldValue>)other._ref!),
            _ => Equals(_ref, other._ref),
        };
    }

    public override bool Equals(object? obj) => obj is FieldValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, Kind is FieldKind.String or FieldKind.Decimal ? _ref : null);

    public static bool operator ==(FieldValue left, FieldValue right) => left.Equals(right);

    public static bool operator !=(FieldValue left, FieldValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        FieldKind.Void => "void",
        FieldKind.Boolean => AsBoolean() ? "true" : "false",
        FieldKind.Integer => _bits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Double when NumberType == NumberType.Single => ((float)AsDouble()).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Double => AsDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Timestamp => AsTimestamp().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Bytes => $"bytes[{((byte[])_ref!).Length}]",
        FieldKind.Array => $"array[{AsArray().Count}]",
        _ => _ref!.ToString() ?? string.Empty,
    };

    private FieldValue Expect(FieldKind kind) =>
        Kind == kind ? this : throw new InvalidOperationException($"Field value is {Kind}, not {kind}.");
}
