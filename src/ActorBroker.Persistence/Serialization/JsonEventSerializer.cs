using System.Text.Json;

namespace ActorBroker.Persistence.Serialization;

/// <summary>
/// Stores registered types as UTF-8 JSON (System.Text.Json, reflection-based). Readable and tolerant of
/// added properties; a binary serializer can replace it behind <see cref="IEventSerializer"/>.
/// </summary>
public sealed class JsonEventSerializer : IEventSerializer
{
    private readonly EventTypeRegistry _registry;
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer over <paramref name="registry"/>; <paramref name="options"/> defaults to System.Text.Json's web-neutral defaults.</summary>
    public JsonEventSerializer(EventTypeRegistry registry, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = options ?? JsonSerializerOptions.Default;
    }

    public SerializedEvent Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        if (!_registry.TryGetManifest(type, out var manifest))
        {
            throw new EventSerializationException(
                $"Type {type.FullName} has no manifest: register it in the EventTypeRegistry before persisting it.");
        }

        return new SerializedEvent(manifest, JsonSerializer.SerializeToUtf8Bytes(value, type, _options));
    }

    public object Deserialize(string manifest, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_registry.TryGetType(manifest, out var type))
        {
            throw new EventSerializationException($"Unknown manifest '{manifest}': no type is registered under it.");
        }

        try
        {
            return JsonSerializer.Deserialize(payload.Span, type, _options)
                ?? throw new EventSerializationException($"The payload of manifest '{manifest}' is JSON null, not a {type.Name}.");
        }
        catch (JsonException exception)
        {
            throw new EventSerializationException(
                $"The payload of manifest '{manifest}' is not a valid {type.Name}: {exception.Message}", exception);
        }
    }
}
