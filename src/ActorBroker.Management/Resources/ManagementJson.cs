using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorBroker.Management.Resources;

/// <summary>
/// The JSON conventions of the management API, used by the node and the client alike: snake_case property
/// names, enums as snake_case strings, null properties left out.
/// </summary>
public static class ManagementJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
