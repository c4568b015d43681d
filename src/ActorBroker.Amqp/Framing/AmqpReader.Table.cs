using System.Globalization;

namespace ActorBroker.Amqp.Framing;

public ref partial struct AmqpReader
{
    /// <summary>
    /// Tables and arrays nest; the limit keeps a hostile frame (a few bytes per level) from exhausting the stack.
    /// </summary>
    public const int MaxNestingDepth = 64;

    private static FieldTable ReadTableContent(ReadOnlySpan<byte> content, int depth)
    {
        CheckDepth(depth);
        var reader = new AmqpReader(content);
        var table = new FieldTable();
        while (reader.Remaining > 0)
        {
            var name = reader.ReadShortString();
            var value = reader.ReadFieldValue(depth);
            if (!table.TryAdd(name, value))
            {
                throw AmqpProtocolException.Syntax($"field table has the name '{name}' twice");
            }
        }

        return table;
    }

    private static FieldValue[] ReadArrayContent(ReadOnlySpan<byte> content, int depth)
    {
        CheckDepth(depth);
        var reader = new AmqpReader(content);
        var values = new List<FieldValue>();
        while (reader.Remaining > 0)
        {
            values.Add(reader.ReadFieldValue(depth));
        }

        return [.. values];
    }

    private FieldValue ReadFieldValue(int depth)
    {
        var type = ReadOctet();
        return (FieldValueKind)type switch
        {
            FieldValueKind.Boolean => FieldValue.Of(ReadOctet() != 0),
            FieldValueKind.SByte => FieldValue.Of((sbyte)ReadOctet()),
            FieldValueKind.Byte => FieldValue.Of(ReadOctet()),
            FieldValueKind.Int16 => FieldValue.Of((short)ReadUInt16()),
            FieldValueKind.UInt16 => FieldValue.Of(ReadUInt16()),
            FieldValueKind.Int32 => FieldValue.Of((int)ReadUInt32()),
            FieldValueKind.UInt32 => FieldValue.Of(ReadUInt32()),
            FieldValueKind.Int64 => FieldValue.Of((long)ReadUInt64()),
            FieldValueKind.Single => FieldValue.Of(BitConverter.Int32BitsToSingle((int)ReadUInt32())),
            FieldValueKind.Double => FieldValue.Of(BitConverter.Int64BitsToDouble((long)ReadUInt64())),
            FieldValueKind.Decimal => FieldValue.Of(new AmqpDecimal(ReadOctet(), ReadUInt32())),
            FieldValueKind.LongString => FieldValue.OwnedBytes(FieldValueKind.LongString, ReadLongStringBytes().ToArray()),
            FieldValueKind.ByteArray => FieldValue.OwnedBytes(FieldValueKind.ByteArray, ReadLongStringBytes().ToArray()),
            FieldValueKind.Array => FieldValue.OwnedArray(ReadArrayContent(TakeLong(ReadUInt32(), "field array"), depth + 1)),
            FieldValueKind.Timestamp => FieldValue.Of(ReadTimestamp()),
            FieldValueKind.Table => FieldValue.Of(ReadTableContent(TakeLong(ReadUInt32(), "table"), depth + 1)),
            FieldValueKind.Void => FieldValue.Void,
            _ => throw AmqpProtocolException.Syntax(string.Create(
                CultureInfo.InvariantCulture, $"field value at offset {_position - 1} has unknown type octet 0x{type:X2}")),
        };
    }

    private static void CheckDepth(int depth)
    {
        if (depth > MaxNestingDepth)
        {
            throw AmqpProtocolException.Syntax($"field tables and arrays nest deeper than {MaxNestingDepth} levels");
        }
    }
}
