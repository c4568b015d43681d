using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Client;
using ActorBroker.Client.Protocol;

namespace ActorBroker.Broker.Gateway;

/// <summary>
/// Translates between the Akka client's plain-data messages and the broker's own types, one field to one field, so
/// that a message crosses between Akka and AMQP clients with its properties and header types intact.
/// </summary>
internal static class ClientMessages
{
    public static BasicProperties ToBroker(this MessageProperties properties)
    {
        if (ReferenceEquals(properties, MessageProperties.Empty))
        {
            return BasicProperties.Empty;
        }

        return new BasicProperties
        {
            ContentType = properties.ContentType,
            ContentEncoding = properties.ContentEncoding,
            Headers = ToHeaders(properties.Headers),
            DeliveryMode = properties.Persistent ? DeliveryMode.Persistent : DeliveryMode.Transient,
            Priority = properties.Priority,
            CorrelationId = properties.CorrelationId,
            ReplyTo = properties.ReplyTo,
            Expiration = properties.Expiration,
            MessageId = properties.MessageId,
            Timestamp = properties.Timestamp,
            Type = properties.Type,
            UserId = properties.UserId,
            AppId = properties.AppId,
        };
    }

    public static MessageProperties ToClient(this BasicProperties properties)
    {
        if (ReferenceEquals(properties, BasicProperties.Empty))
        {
            return MessageProperties.Empty;
        }

        return new MessageProperties
        {
            ContentType = properties.ContentType,
            ContentEncoding = properties.ContentEncoding,
            Headers = ToTable(properties.Headers),
            Persistent = properties.IsPersistent,
            Priority = properties.Priority,
            CorrelationId = properties.CorrelationId,
            ReplyTo = properties.ReplyTo,
            Expiration = properties.Expiration,
            MessageId = properties.MessageId,
            Timestamp = properties.Timestamp,
            Type = properties.Type,
            UserId = properties.UserId,
            AppId = properties.AppId,
        };
    }

    public static BrokerDelivery ToClient(this Delivery delivery) =>
        new(delivery.ConsumerTag, delivery.DeliveryTag, delivery.DeliveryCount, delivery.Queue, delivery.Exchange, delivery.RoutingKey, delivery.Properties.ToClient(), delivery.Body);

    /// <exception cref="ArgumentException">A value of a type AMQP headers cannot carry.</exception>
    public static Headers? ToHeaders(IReadOnlyDictionary<string, object?>? table)
    {
        if (table is null)
        {
            return null;
        }

        var headers = new Headers();
        foreach (var (name, value) in table)
        {
            headers[name] = ToField(name, value);
        }

        return headers;
    }

    /// <summary>The error a client sees for an exception of the broker.</summary>
    public static Failed ToFailure(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => ToFailure(aggregate.InnerExceptions[0]),
        BrokerException broker => new Failed((int)broker.Code, broker.Message),
        RequestTimeoutException timeout => new Failed(Failed.TimedOut, timeout.Message),
        ArgumentException argument => new Failed((int)BrokerErrorCode.InvalidArgument, argument.Message),
        _ => new Failed((int)BrokerErrorCode.InternalError, error.Message),
    };

    private static Dictionary<string, object?>? ToTable(Headers? headers)
    {
        if (headers is null)
        {
            return null;
        }

        var table = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            table[name] = ToObject(value);
        }

        return table;
    }

    private static FieldValue ToField(string name, object? value) => value switch
    {
        null => FieldValue.Void,
        bool b => b,
        sbyte n => FieldValue.From(n),
        byte n => FieldValue.From(n),
        short n => FieldValue.From(n),
        ushort n => FieldValue.From(n),
        int n => n,
        uint n => FieldValue.From(n),
        long n => n,
        float f => f,
        double d => d,
        decimal m => FieldValue.From(m),
        string s => s,
        byte[] bytes => FieldValue.From(bytes.AsMemory()),
        DateTimeOffset time => time,
        IReadOnlyDictionary<string, object?> table => FieldValue.From(ToHeaders(table)!),
        IEnumerable<object?> list => FieldValue.From(list.Select(item => ToField(name, item)).ToList()),
        _ => throw new ArgumentException($"Header '{name}' holds a {value.GetType().Name}, which AMQP headers cannot carry.", nameof(value)),
    };

    private static object ToInteger(FieldValue value)
    {
        var number = value.AsInteger();
        return value.NumberType switch
        {
            NumberType.SByte => (object)(sbyte)number,
            NumberType.Byte => (byte)number,
            NumberType.Int16 => (short)number,
            NumberType.UInt16 => (ushort)number,
            NumberType.Int32 => (int)number,
            NumberType.UInt32 => (uint)number,
            _ => number,
        };
    }

    private static object? ToObject(FieldValue value) => value.Kind switch
    {
        FieldKind.Void => null,
        FieldKind.Boolean => value.AsBoolean(),
        FieldKind.Integer => ToInteger(value),

        // Boxed apiece: a conditional would widen the float to double, as a switch widens every integer to long.
        FieldKind.Double when value.NumberType == NumberType.Single => (float)value.AsDouble(),
        FieldKind.Double => value.AsDouble(),
        FieldKind.Decimal => value.AsDecimal(),
        FieldKind.String => value.AsString(),
        FieldKind.Bytes => value.AsBytes().ToArray(),
        FieldKind.Timestamp => value.AsTimestamp(),
        FieldKind.Array => value.AsArray().Select(ToObject).ToList(),
        FieldKind.Table => ToTable(value.AsTable()),
        _ => throw new InvalidOperationException($"Unknown field kind {value.Kind}."),
    };
}
