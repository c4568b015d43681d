using System.Buffers.Binary;

namespace ActorBroker.Amqp.Framing;

public ref partial struct AmqpWriter
{
    /// <summary>Writes a field table with its length prefix; null is the empty table.</summary>
    public void WriteTable(FieldTable? table)
    {
        var lengthAt = _position;
        WriteUInt32(0);
        if (table is not null)
        {
            foreach (var (name, value) in table)
            {
                WriteShortString(name);
                WriteFieldValue(value);
            }
        }

        BackfillLength(lengthAt);
    }

    /// <summary>The encoded size of a table including its four-byte length.</summary>
    public static int SizeOfTable(FieldTable? table)
    {
        var size = 4;
        if (table is not null)
        {
            foreach (var (name, value) in table)
            {
                size += SizeOfShortString(name) + SizeOfFieldValue(value);
            }
        }

        return size;
    }

    /// <summary>The encoded size of a field value including its type octet.</summary>
    public static int SizeOfFieldValue(FieldValue value) => 1 + value.Kind switch
    {
        FieldValueKind.Void => 0,
        FieldValueKind.Boolean or FieldValueKind.SByte or FieldValueKind.Byte => 1,
        FieldValueKind.Int16 or FieldValueKind.UInt16 => 2,
        FieldValueKind.Int32 or FieldValueKind.UInt32 or FieldValueKind.Single => 4,
        FieldValueKind.Decimal => 5,
        FieldValueKind.Int64 or FieldValueKind.Double or FieldValueKind.Timestamp => 8,
        FieldValueKind.LongString or FieldValueKind.ByteArray => 4 + value.AsBytes().Length,
        FieldValueKind.Array => 4 + value.AsArray().Sum(SizeOfFieldValue),
        FieldValueKind.Table => SizeOfTable(value.AsTable()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "unknown field value kind"),
    };

    private void WriteFieldValue(FieldValue value)
    {
        WriteOctet((byte)value.Kind);
        switch (value.Kind)
        {
            case FieldValueKind.Void:
                break;
            case FieldValueKind.Boolean:
                WriteOctet(value.AsBoolean() ? (byte)1 : (byte)0);
                break;
            case FieldValueKind.SByte:
                WriteOctet((byte)value.AsSByte());
                break;
            case FieldValueKind.Byte:
                WriteOctet(value.AsByte());
                break;
            case FieldValueKind.Int16:
                WriteUInt16((ushort)value.AsInt16());
                break;
            case FieldValueKind.UInt16:
                WriteUInt16(value.AsUInt16());
                break;
            case FieldValueKind.Int32:
                WriteUInt32((uint)value.AsInt32());
                break;
            case FieldValueKind.UInt32:
                WriteUInt32(value.AsUInt32());
                break;
            case FieldValueKind.Int64:
                WriteUInt64((ulong)value.AsInt64());
                break;
            case FieldValueKind.Single:
                WriteUInt32((uint)BitConverter.SingleToInt32Bits(value.AsSingle()));
                break;
            case FieldValueKind.Double:
                WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value.AsDouble()));
                break;
            case FieldValueKind.Decimal:
                WriteOctet(value.AsDecimal().Scale);
                WriteUInt32(value.AsDecimal().UnscaledValue);
                break;
            case FieldValueKind.LongString or FieldValueKind.ByteArray:
                WriteLongString(value.AsBytes().Span);
                break;
            case FieldValueKind.Array:
                WriteArray(value.AsArray());
                break;
            case FieldValueKind.Timestamp:
                WriteTimestamp(value.AsTimestamp());
                break;
            case FieldValueKind.Table:
                WriteTable(value.AsTable());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "unknown field value kind");
        }
    }

    private void WriteArray(IReadOnlyList<FieldValue> values)
    {
        var lengthAt = _position;
        WriteUInt32(0);
        foreach (var value in values)
        {
            WriteFieldValue(value);
        }

        BackfillLength(lengthAt);
    }

    private readonly void BackfillLength(int lengthAt) =>
        BinaryPrimitives.WriteUInt32BigEndian(_destination[lengthAt..], (uint)(_position - lengthAt - 4));
}
