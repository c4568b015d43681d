using System.Buffers.Binary;
using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Reads what <see cref="RecordWriter"/> wrote. A truncated or malformed record throws
/// <see cref="InvalidDataException"/>, which recovery turns into a quarantined row.
/// </summary>
internal ref struct RecordReader(ReadOnlyMemory<byte> data)
{
    private readonly ReadOnlyMemory<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() != 0;

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>A slice of the record itself, not a copy: a message body stays in the row's buffer.</summary>
    public ReadOnlyMemory<byte> Bytes()
    {
        var length = Length();
        Take(length);
        return _data.Slice(_position - length, length);
    }

    public string String() => Encoding.UTF8.GetString(Take(Length()));

    public string? OptionalString() => Bool() ? String() : null;

    public DateTimeOffset Time() => new(Int64(), TimeSpan.Zero);

    public Message Message()
    {
        var exchange = String();
        var routingKey = String();
        var properties = Properties();
        return new Message(exchange, routingKey, properties, Bytes());
    }

    public Headers? Headers()
    {
        var count = Int32();
        if (count < 0)
        {
            return null;
        }

        var headers = new Headers();
        for (var i = 0; i < count; i++)
        {
            var key = String();
            headers[key] = Field();
        }

        return headers;
    }

    private BasicProperties Properties()
    {
        var contentType = OptionalString();
        var contentEncoding = OptionalString();
        var headers = Headers();
        var mode = (DeliveryMode)Byte();
        var priority = Int32();
        var correlationId = OptionalString();
        var replyTo = OptionalString();
        var expiration = Int64();
        var messageId = OptionalString();
        DateTimeOffset? timestamp = Bool() ? Time() : null;
        return new BasicProperties
        {
            ContentType = contentType,
            ContentEncoding = contentEncoding,
            Headers = headers,
            DeliveryMode = mode,
            Priority = priority < 0 ? null : (byte)priority,
            CorrelationId = correlationId,
            ReplyTo = replyTo,
            Expiration = expiration < 0 ? null : TimeSpan.FromTicks(expiration),
            MessageId = messageId,
            Timestamp = timestamp,
            Type = OptionalString(),
            UserId = OptionalString(),
            AppId = OptionalString(),
        };
    }

    private FieldValue Field()
    {
        var tag = Byte();
        var kind = (FieldKind)(tag & ~FieldTag.NarrowNumber);
        var numberType = (tag & FieldTag.NarrowNumber) != 0 ? (NumberType)Byte() : NumberType.None;
        switch (kind)
        {
            case FieldKind.Void: return FieldValue.Void;
            case FieldKind.Boolean: return Bool();
            case FieldKind.Integer when numberType != NumberType.None: return NarrowInteger(Int64(), numberType);
            case FieldKind.Integer: return Int64();
            case FieldKind.Double when numberType == NumberType.Single: return (float)BitConverter.Int64BitsToDouble(Int64());
            case FieldKind.Double: return BitConverter.Int64BitsToDouble(Int64());
            case FieldKind.Decimal: return FieldValue.From(new decimal([Int32(), Int32(), Int32(), Int32()]));
            case FieldKind.String: return String();
            case FieldKind.Bytes: return FieldValue.From(Bytes());
            case FieldKind.Timestamp: return DateTimeOffset.FromUnixTimeSeconds(Int64());
            case FieldKind.Array:
                var items = new FieldValue[Length()];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Field();
                }

                return FieldValue.From(items);
            case FieldKind.Table: return FieldValue.From(Headers() ?? new Headers());
            default: throw new InvalidDataException($"Unknown field kind {(byte)kind} in a journal record.");
        }
    }

    private static FieldValue NarrowInteger(long value, NumberType type)
    {
        try
        {
            return FieldValue.Number(value, type);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"A journal record holds {value} as {type}.", e);
        }
    }

    private int Length()
    {
        var length = Int32();
        return length >= 0 && length <= _data.Length - _position
            ? length
            : throw new InvalidDataException($"A journal record claims a length of {length} with {_data.Length - _position} bytes left.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new InvalidDataException($"A journal record ends early: {count} more bytes needed at offset {_position}, {_data.Length - _position} left.");
        }

        _position += count;
        return _data.Span.Slice(_position - count, count);
    }
}
