using System.Globalization;

namespace ActorBroker.Amqp.Framing;

public readonly partial struct FieldValue
{
    public static bool operator ==(FieldValue left, FieldValue right) => left.Equals(right);

    public static bool operator !=(FieldValue left, FieldValue right) => !left.Equals(right);

    /// <summary>Same kind and same content: bytes, arrays and tables compare element by element.</summary>
    public bool Equals(FieldValue other)
    {
        if (Kind != other.Kind || _bits != other._bits)
        {
            return false;
        }

        return _reference switch
        {
            null => other._reference is null,
            byte[] bytes => other._reference is byte[] otherBytes && bytes.AsSpan().SequenceEqual(otherBytes),
            FieldValue[] values => other._reference is FieldValue[] otherValues && values.AsSpan().SequenceEqual(otherValues),
            FieldTable table => other._reference is FieldTable otherTable && table.ContentEquals(otherTable),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is FieldValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _reference switch
    {
        byte[] bytes => bytes.Length,
        FieldValue[] values => values.Length,
        FieldTable table => table.Count,
        _ => 0,
    });

    public override string ToString() => Kind switch
    {
        FieldValueKind.Void => "void",
        FieldValueKind.Boolean => AsBoolean() ? "true" : "false",
        FieldValueKind.Single => AsSingle().ToString(CultureInfo.InvariantCulture),
        FieldValueKind.Double => AsDouble().ToString(CultureInfo.InvariantCulture),
        FieldValueKind.Decimal => $"{AsDecimal().UnscaledValue}e-{AsDecimal().Scale}",
        FieldValueKind.LongString => $"\"{AsString()}\"",
        FieldValueKind.ByteArray => $"bytes[{AsBytes().Length}]",
        FieldValueKind.Array => $"[{string.Join(", ", AsArray())}]",
        FieldValueKind.Table => AsTable().ToString(),
        FieldValueKind.Timestamp => $"timestamp {_bits.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Kind} {_bits.ToString(CultureInfo.InvariantCulture)}",
    };
}
