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
/// One typed value of a header table: a small tagged union so headers keep their types without
/// boxing numbers. The broker is protocol-agnostic; a wire codec maps its own field types onto these kinds.
/// </summary>
public readonly struct FieldValue : IEquatable<FieldValue>
{
    private readonly long _bits;
    private readonly object? _ref;

    private FieldValue(FieldKind kind, long bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
    }

    /// <summary>The kind of the value; read it before calling an <c>As…</c> accessor.</summary>
    public FieldKind Kind { get; }

    public static FieldValue Void => default;

    public static FieldValue From(bool value) => new(FieldKind.Boolean, value ? 1 : 0, null);

    public static FieldValue From(long value) => new(FieldKind.Integer, value, null);

    public static FieldValue From(double value) => new(FieldKind.Double, BitConverter.DoubleToInt64Bits(value), null);

    public static FieldValue From(decimal value) => new(FieldKind.Decimal, 0, value);

    public static FieldValue From(string value) => new(FieldKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static FieldValue From(ReadOnlyMemory<byte> value) => new(FieldKind.Bytes, 0, value.ToArray());

    public static FieldValue From(DateTimeOffset value) => new(FieldKind.Timestamp, value.ToUnixTimeSeconds(), null);

    public static FieldValue From(IReadOnlyList<FieldValue> value) => new(FieldKind.Array, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static FieldValue From(Headers value) => new(FieldKind.Table, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator FieldValue(bool value) => From(value);

    public static implicit operator FieldValue(long value) => From(value);

    public static implicit operator FieldValue(int value) => From(value);

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
        FieldKind.Double => AsDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Timestamp => AsTimestamp().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Bytes => $"bytes[{((byte[])_ref!).Length}]",
        FieldKind.Array => $"array[{AsArray().Count}]",
        _ => _ref!.ToString() ?? string.Empty,
    };

    private FieldValue Expect(FieldKind kind) =>
        Kind == kind ? this : throw new InvalidOperationException($"Field value is {Kind}, not {kind}.");
}
