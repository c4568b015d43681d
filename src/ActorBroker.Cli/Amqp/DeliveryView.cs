using System.Collections;
using System.Text;
using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Cli.Amqp;

/// <summary>
/// A delivery as the management API shows messages (<see cref="MessageResource"/>), so <c>consume</c> prints
/// what <c>peek</c> and <c>get</c> print. Bodies and AMQP long strings that are not UTF-8 become base64.
/// </summary>
internal static class DeliveryView
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Copies what it needs: the client reuses the delivery's body buffer once the handler returns.</summary>
    public static MessageResource From(BasicDeliverEventArgs delivery)
    {
        var body = delivery.Body.Span;
        var (payload, encoding) = TryUtf8(body, out var text) ? (text, "string") : (Convert.ToBase64String(body), "base64");
        return new MessageResource(payload, encoding, body.Length, delivery.Exchange, delivery.RoutingKey, delivery.Redelivered, 0, Properties(delivery.BasicProperties));
    }

    private static MessageProperties Properties(IReadOnlyBasicProperties p) => new(
        ContentType: p.IsContentTypePresent() ? p.ContentType : null,
        ContentEncoding: p.IsContentEncodingPresent() ? p.ContentEncoding : null,
        Headers: p.IsHeadersPresent() && p.Headers is { } headers ? Table(headers) : null,
        DeliveryMode: p.IsDeliveryModePresent() ? (int)p.DeliveryMode : null,
        Priority: p.IsPriorityPresent() ? p.Priority : null,
        CorrelationId: p.IsCorrelationIdPresent() ? p.CorrelationId : null,
        ReplyTo: p.IsReplyToPresent() ? p.ReplyTo : null,
        Expiration: p.IsExpirationPresent() ? p.Expiration : null,
        MessageId: p.IsMessageIdPresent() ? p.MessageId : null,
        Timestamp: p.IsTimestampPresent() ? p.Timestamp.UnixTime : null,
        Type: p.IsTypePresent() ? p.Type : null,
        UserId: p.IsUserIdPresent() ? p.UserId : null,
        AppId: p.IsAppIdPresent() ? p.AppId : null,
        HeaderTypes: p.IsHeadersPresent() && p.Headers is { } typed ? Types(typed) : null);

    private static JsonObject Types(IDictionary<string, object?> table)
    {
        var json = new JsonObject();
        foreach (var (key, value) in table)
            json[key] = Type(value);
        return json;
    }

    // RabbitMQ.Client reads each AMQP field type into one .NET type; the names are RabbitMQ's, as the management API's.
    private static JsonNode Type(object? value) => value switch
    {
        IDictionary<string, object?> table => Types(table),
        byte[] => JsonValue.Create("longstr"),
        BinaryTableValue => JsonValue.Create("binary"),
        IEnumerable list and not string => new JsonArray([.. list.Cast<object?>().Select(Type)]),
        _ => JsonValue.Create(value switch
        {
            null => "void",
            bool => "bool",
            sbyte => "byte",
            byte => "unsignedbyte",
            short => "short",
            ushort => "unsignedshort",
            int => "signedint",
            uint => "unsignedint",
            long => "long",
            float => "float",
            double => "double",
            decimal => "decimal",
            AmqpTimestamp => "timestamp",
            _ => "longstr",
        }),
    };

    private static JsonObject Table(IDictionary<string, object?> table)
    {
        var json = new JsonObject();
        foreach (var (key, value) in table)
            json[key] = Value(value);
        return json;
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        byte[] bytes => TryUtf8(bytes, out var text) ? JsonValue.Create(text) : JsonValue.Create(Convert.ToBase64String(bytes)),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        AmqpTimestamp timestamp => JsonValue.Create(timestamp.UnixTime),
        IDictionary<string, object?> table => Table(table),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Value)]),
        IConvertible number => JsonValue.Create(Convert.ToDecimal(number, System.Globalization.CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = s_strictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
