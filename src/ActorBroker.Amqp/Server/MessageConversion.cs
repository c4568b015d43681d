using System.Globalization;
using ActorBroker.Amqp.Framing;
using Model = ActorBroker.Broker.Messages;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// Translates between the wire's content properties and field tables and the broker's message model.
/// Every field type goes back out as it came in (an 'I' stays an 'I', an 'f' an 'f'), at any depth, because
/// clients with strict types cast what they read; numbers the broker makes itself are signed 64-bit ('l'), as
/// RabbitMQ's are.
/// </summary>
internal static class MessageConversion
{
    private static readonly BasicProperties s_emptyWire = new();

    public static Model.BasicProperties ToBroker(BasicProperties wire)
    {
        if (wire.PresenceMask == 0)
        {
            return Model.BasicProperties.Empty;
        }

        return new Model.BasicProperties
        {
            ContentType = wire.ContentType,
            ContentEncoding = wire.ContentEncoding,
            Headers = wire.Headers is { } headers ? ToBroker(headers) : null,
            DeliveryMode = wire.DeliveryMode == 2 ? Model.DeliveryMode.Persistent : Model.DeliveryMode.Transient,
            Priority = wire.Priority,
            CorrelationId = wire.CorrelationId,
            ReplyTo = wire.ReplyTo,
            Expiration = wire.Expiration is { } expiration ? ParseExpiration(expiration) : null,
            MessageId = wire.MessageId,
            Timestamp = wire.Timestamp?.ToDateTimeOffset(),
            Type = wire.Type,
            UserId = wire.UserId,
            AppId = wire.AppId,
        };
    }

    public static BasicProperties ToWire(Model.BasicProperties properties)
    {
        if (ReferenceEquals(properties, Model.BasicProperties.Empty))
        {
            return s_emptyWire;
        }

        return new BasicProperties
        {
            ContentType = properties.ContentType,
            ContentEncoding = properties.ContentEncoding,
            Headers = properties.Headers is { } headers ? ToWire(headers) : null,
            DeliveryMode = (byte)properties.DeliveryMode,
            Priority = properties.Priority,
            CorrelationId = properties.CorrelationId,
            ReplyTo = properties.ReplyTo,
            Expiration = properties.Expiration is { } ttl ? ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : null,
            MessageId = properties.MessageId,
            Timestamp = properties.Timestamp is { } timestamp ? AmqpTimestamp.FromDateTimeOffset(timestamp) : null,
            Type = properties.Type,
            UserId = properties.UserId,
            AppId = properties.AppId,
        };
    }

    public static Model.Headers? ToBroker(FieldTable? table)
    {
        if (table is null || table.Count == 0)
        {
            return null;
        }

        var headers = new Model.Headers();
        foreach (var (name, value) in table)
        {
            headers[name] = ToBroker(value);
        }

        return headers;
    }

    public static FieldTable ToWire(Model.Headers headers)
    {
        var table = new FieldTable();
        foreach (var (name, value) in headers)
        {
            table.Add(name, ToWire(value));
        }

        return table;
    }

    private static Model.FieldValue ToBroker(FieldValue value) =>
        value.Kind switch
        {
            FieldValueKind.SByte => Model.FieldValue.From(value.AsSByte()),
            FieldValueKind.Byte => Model.FieldValue.From(value.AsByte()),
            FieldValueKind.Int16 => Model.FieldValue.From(value.AsInt16()),
            FieldValueKind.UInt16 => Model.FieldValue.From(value.AsUInt16()),
            FieldValueKind.Int32 => Model.FieldValue.From(value.AsInt32()),
            FieldValueKind.UInt32 => Model.FieldValue.From(value.AsUInt32()),
            FieldValueKind.Int64 => Model.FieldValue.From(value.AsInt64()),
            FieldValueKind.Boolean => Model.FieldValue.From(value.AsBoolean()),
            FieldValueKind.Single => Model.FieldValue.From(value.AsSingle()),
            FieldValueKind.Double => Model.FieldValue.From(value.AsDouble()),
            FieldValueKind.Decimal => Model.FieldValue.From(value.AsDecimal().ToDecimal()),
            FieldValueKind.LongString => Model.FieldValue.From(value.AsString()),
            FieldValueKind.ByteArray => Model.FieldValue.From(value.AsBytes()),
            FieldValueKind.Timestamp => Model.FieldValue.From(value.AsTimestamp().ToDateTimeOffset()),
            FieldValueKind.Array => Model.FieldValue.From(value.AsArray().Select(ToBroker).ToArray()),
            FieldValueKind.Table => Model.FieldValue.From(ToBroker(value.AsTable()) ?? new Model.Headers()),
            _ => Model.FieldValue.Void,
        };

    private static FieldValue ToWire(Model.FieldValue value) => value.Kind switch
    {
        Model.FieldKind.Boolean => FieldValue.Of(value.AsBoolean()),
        Model.FieldKind.Integer => ToWireInteger(value.AsInteger(), value.NumberType),
        Model.FieldKind.Double when value.NumberType == Model.NumberType.Single => FieldValue.Of((float)value.AsDouble()),
        Model.FieldKind.Double => FieldValue.Of(value.AsDouble()),
        Model.FieldKind.Decimal => ToWireDecimal(value.AsDecimal()),
        Model.FieldKind.String => FieldValue.Of(value.AsString()),
        Model.FieldKind.Bytes => FieldValue.ByteArray(value.AsBytes().Span),
        Model.FieldKind.Timestamp => FieldValue.Of(AmqpTimestamp.FromDateTimeOffset(value.AsTimestamp())),
        Model.FieldKind.Array => FieldValue.Of(value.AsArray().Select(ToWire)),
        Model.FieldKind.Table => FieldValue.Of(ToWire(value.AsTable())),
        _ => FieldValue.Void,
    };

    private static FieldValue ToWireInteger(long value, Model.NumberType type) => type switch
    {
        Model.NumberType.SByte => FieldValue.Of((sbyte)value),
        Model.NumberType.Byte => FieldValue.Of((byte)value),
        Model.NumberType.Int16 => FieldValue.Of((short)value),
        Model.NumberType.UInt16 => FieldValue.Of((ushort)value),
        Model.NumberType.Int32 => FieldValue.Of((int)value),
        Model.NumberType.UInt32 => FieldValue.Of((uint)value),
        _ => FieldValue.Of(value),
    };

    // AMQP decimals are a scale and an unsigned 32-bit value; anything wider goes out as a double.
    private static FieldValue ToWireDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        return bits[1] == 0 && bits[2] == 0 && value >= 0
            ? FieldValue.Of(new AmqpDecimal(scale, (uint)bits[0]))
            : FieldValue.Of((double)value);
    }

    private static TimeSpan ParseExpiration(string expiration) =>
        long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : throw new AmqpProtocolException(ReplyCode.PreconditionFailed, $"invalid expiration '{expiration}': expected a non-negative integer of milliseconds");
}
