using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorBroker.Management.Resources;

/// <summary>
/// A user's tags: a JSON list, or RabbitMQ's comma-separated string ("administrator,monitoring"; "" for none), so
/// scripts written for RabbitMQ's API work unchanged. Always written as a list.
/// </summary>
public sealed class TagListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            case JsonTokenType.StartArray:
                var tags = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    tags.Add(reader.TokenType == JsonTokenType.String
                        ? reader.GetString()!
                        : throw new JsonException("a tag must be a string"));
                }

                return tags;
            default:
                throw new JsonException("tags must be a list of strings or a comma-separated string");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var tag in value)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
    }
}
