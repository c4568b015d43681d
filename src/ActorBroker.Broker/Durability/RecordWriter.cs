using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Writes the broker's journal records in a compact little-endian binary form. One writer per thread is
/// reused; <see cref="ToArray"/> copies the record out, which is the one allocation a record costs. The
/// buffer comes from the shared array pool and grows through it: a queue's batch row is megabytes, and
/// growing it by fresh arrays allocated (and zeroed) a chain of large-object-heap arrays on every flush.
/// </summary>
internal sealed class RecordWriter
{
    private const int InitialCapacity = 1024;

    // A snapshot of a long queue may need a huge buffer once; the thread gives back one above this size.
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static RecordWriter? s_current;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    private int _written;

    /// <summary>The calling thread's writer, emptied.</summary>
    public static RecordWriter Rent()
    {
        var writer = s_current ??= new RecordWriter();
        writer._written = 0;
        return writer;
    }

    public byte[] ToArray()
    {
        var bytes = _buffer.AsSpan(0, _written).ToArray();
        if (_buffer.Length > KeptCapacity)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
        }

        return bytes;
    }

    public void Byte(byte value)
    {
        Space(1)[0] = value;
        _written++;
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Space(8), value);
        _written += 8;
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Space(4), value);
        _written += 4;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        value.CopyTo(Space(value.Length));
        _written += value.Length;
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, Space(length));
        _written += length;
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

    /// <summary>At least <paramref name="size"/> free bytes after what is written.</summary>
    private Span<byte> Space(int size)
    {
        if (_buffer.Length - _written < size)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(_written + size), 2 * _buffer.Length));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_written);
    }

    private void Field(FieldValue value)
    {
        if (IsNarrow(value.NumberType))
        {
            Byte((byte)(FieldTag.NarrowNumber | (byte)value.Kind));
            Byte((byte)value.NumberType);
        }
        else
        {
            Byte((byte)value.Kind);
        }

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

    private static bool IsNarrow(NumberType type) => type is not (NumberType.None or NumberType.Int64 or NumberType.Double);
}
