using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Writes the broker's journal records in a compact little-endian binary form. One writer per thread is
/// reused; <see cref="ToArray"/> copies the record out, which is the one allocation a record costs.
/// </summary>
internal sealed class RecordWriter
{
    // A snapshot of a long queue may need a huge buffer once; the thread does not keep one that size.
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static RecordWriter? s_current;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>The calling thread's writer, emptied.</summary>
    public static RecordWriter Rent()
    {
        var writer = s_current ??= new RecordWriter();
        writer._buffer.ResetWrittenCount();
        return writer;
    }

    public byte[] ToArray()
    {
        var bytes = _buffer.WrittenSpan.ToArray();
        if (_buffer.Capacity > KeptCapacity && ReferenceEquals(s_current, this))
        {
            s_current = null;
        }

        return bytes;
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>A string that may be null (a presence byte first).</summary>
    public void OptionalString(string? value)
    {
        Bool(value is not null);
        if (value is not null)
        {
            String(value);
        }
    }

    public void Time(DateTimeOffset value) => Int64(value.UtcTicks);

    public void Message(Message message)
    {
        String(message.Exchange);
        String(message.RoutingKey);
        Properties(message.Properties);
        Bytes(message.Body.Span);
    }

    public void Headers(Headers? headers)
    {
        Int32(headers?.Count ?? -1);
        foreach (var (key, value) in headers ?? [])
        {
            String(key);
            Field(value);
        }
    }

    private void Properties(BasicProperties p)
    {
        OptionalString(p.ContentType);
        OptionalString(p.ContentEncoding);
        Headers(p.Headers);
        Byte((byte)p.DeliveryMode);
        Int32(p.Priority ?? -1);
        OptionalString(p.CorrelationId);
        OptionalString(p.ReplyTo);
        Int64(p.Expiration?.Ticks ?? -1);
        OptionalString(p.MessageId);
        Bool(p.Timestamp is not null);
        if (p.Timestamp is { } timestamp)
        {
            Time(timestamp);
        }

        OptionalString(p.Type);
        OptionalString(p.UserId);
        OptionalString(p.AppId);
    }

    private void Field(FieldValue value)
    {
        Byte((byte)value.Kind);
        switch (value.Kind)
        {
            case FieldKind.Boolean: Bool(value.AsBoolean()); break;
            case FieldKind.Integer: Int64(value.AsInteger()); break;
            case FieldKind.Double: Int64(BitConverter.DoubleToInt64Bits(value.AsDouble())); break;
            case FieldKind.Decimal:
                Span<int> bits = stackalloc int[4];
                decimal.GetBits(value.AsDecimal(), bits);
                foreach (var part in bits)
                {
                    Int32(part);
                }

                break;
            case FieldKind.String: String(value.AsString()); break;
            case FieldKind.Bytes: Bytes(value.AsBytes().Span); break;
            case FieldKind.Timestamp: Int64(value.AsTimestamp().ToUnixTimeSeconds()); break;
            case FieldKind.Array:
                var items = value.AsArray();
                Int32(items.Count);
                foreach (var item in items)
                {
                    Field(item);
                }

                break;
            case FieldKind.Table: Headers(value.AsTable()); break;
        }
    }
}
