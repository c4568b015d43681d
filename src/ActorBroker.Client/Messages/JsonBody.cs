using System.Text.Json;

namespace ActorBroker.Client;

/// <summary>
/// Typed message bodies as UTF-8 JSON (System.Text.Json), with content type <c>application/json</c>. Only bodies go
/// through JSON: the messages between client and broker use the binary protocol serializer.
/// </summary>
public static class JsonBody
{
    public const string ContentType = "application/json";

    /// <summary>The value as a UTF-8 JSON body.</summary>
    public static byte[] Serialize<T>(T value, JsonSerializerOptions? options = null) => JsonSerializer.SerializeToUtf8Bytes(value, options);

    /// <summary>A body read as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The body is not JSON of that shape (or is JSON <c>null</c>).</exception>
    public static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(body.Span, options) ?? throw new JsonException($"The body is JSON null, not a {typeof(T).Name}.");

    /// <summary>The delivery's body read as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The body is not JSON of that shape.</exception>
    public static T BodyAs<T>(this BrokerDelivery delivery, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Deserialize<T>(delivery.Body, options);
    }
}
