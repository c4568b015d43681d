using System.Globalization;
using System.Text;
using ActorBroker.Broker.Messages;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Management;

/// <summary>Messages as the management API shows them (peek, get) and takes them (publish).</summary>
public static class MessageJson
{
    public const string StringEncoding = "string";
    public const string Base64Encoding = "base64";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A message with its delivery state; the body as text when it is valid UTF-8, else base64.</summary>
    public static MessageResource ToResource(Message message, bool redelivered, int deliveryCount)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (payload, encoding) = Encode(message.Body.Span);
        return new MessageResource(payload, encoding, message.Body.Length, message.Exchange, message.RoutingKey,
            redelivered, deliveryCount, ToJson(message.Properties));
    }

    public static MessageProperties ToJson(BasicProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return new MessageProperties(
            properties.ContentType,
            properties.ContentEncoding,
            properties.Headers is { Count: > 0 } headers ? FieldValueJson.ToJson(headers) : null,
            (int)properties.DeliveryMode,
            properties.Priority,
            properties.CorrelationId,
            properties.ReplyTo,
            properties.Expiration is { } expiration ? ((long)expiration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : null,
            properties.MessageId,
            properties.Timestamp?.ToUnixTimeSeconds(),
            properties.Type,
            properties.UserId,
            properties.AppId,
            properties.Headers is { Count: > 0 } typed ? FieldValueJson.TypesToJson(typed) : null);
    }

    /// <summary>The broker's properties for the API's; absent ones stay unset (delivery mode: transient).</summary>
    /// <exception cref="ApiException">400: a property is out of range (names it).</exception>
    public static BasicProperties FromJson(MessageProperties? properties)
    {
        if (properties is null)
        {
            return BasicProperties.Empty;
        }

        return new BasicProperties
        {
            ContentType = properties.ContentType,
            ContentEncoding = properties.ContentEncoding,
            Headers = FieldValueJson.ToHeaders(properties.Headers, "properties.headers"),
            DeliveryMode = properties.DeliveryMode switch
            {
                null or 1 => DeliveryMode.Transient,
                2 => DeliveryMode.Persistent,
                var other => throw ApiException.BadRequest($"properties.delivery_mode = {other}: expected 1 (transient) or 2 (persistent)."),
            },
            Priority = properties.Priority switch
            {
                null => null,
                >= 0 and <= 255 => (byte)properties.Priority,
                var other => throw ApiException.BadRequest($"properties.priority = {other}: expected 0 to 255."),
            },
            CorrelationId = properties.CorrelationId,
            ReplyTo = properties.ReplyTo,
            Expiration = properties.Expiration is { } expiration ? Expiration(expiration) : null,
            MessageId = properties.MessageId,
            Timestamp = properties.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            Type = properties.Type,
            UserId = properties.UserId,
            AppId = properties.AppId,
        };
    }

    /// <summary>The body a publish request carries.</summary>
    /// <exception cref="ApiException">400: an unknown encoding, or a base64 payload that is not base64.</exception>
    public static byte[] DecodePayload(string? payload, string? encoding)
    {
        if (payload is null)
        {
            throw ApiException.BadRequest("payload is missing.");
        }

        switch (encoding ?? StringEncoding)
        {
            case StringEncoding:
                return Encoding.UTF8.GetBytes(payload);
            case Base64Encoding:
                try
                {
                    return Convert.FromBase64String(payload);
                }
                catch (FormatException)
                {
                    throw ApiException.BadRequest("payload is not valid base64, as payload_encoding = base64 says it is.");
                }

            default:
                throw ApiException.BadRequest($"payload_encoding = '{encoding}': expected '{StringEncoding}' or '{Base64Encoding}'.");
        }
    }

    private static (string Payload, string Encoding) Encode(ReadOnlySpan<byte> body)
    {
        try
        {
            return (s_strictUtf8.GetString(body), StringEncoding);
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(body), Base64Encoding);
        }
    }

    private static TimeSpan Expiration(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw ApiException.BadRequest($"properties.expiration = '{text}': expected milliseconds as a string of digits, e.g. \"60000\".");
}
