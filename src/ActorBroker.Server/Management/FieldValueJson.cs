using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Server.Management;

/// <summary>
/// AMQP field tables (message headers, declaration and binding arguments) as the management API shows and
/// takes them. To JSON: strings, integers and floats, booleans, nested objects and arrays as themselves;
/// byte arrays as base64 strings; timestamps as Unix seconds; void as null. From JSON: integral numbers
/// become integers, other numbers floats, null void.
/// </summary>
public static class FieldValueJson
{
    /// <summary>The table as a JSON object; an empty object for null.</summary>
    public static JsonObject ToJson(Headers? table)
    {
        var json = new JsonObject();
        if (table is null)
        {
            return json;
        }

        foreach (var (key, value) in table)
        {
            json[key] = ToJson(value);
        }

        return json;
    }

    public static JsonNode? ToJson(FieldValue value) => value.Kind switch
    {
        FieldKind.Void => null,
        FieldKind.Boolean => JsonValue.Create(value.AsBoolean()),
        FieldKind.Integer => JsonValue.Create(value.AsInteger()),
        FieldKind.Double when value.NumberType == NumberType.Single => JsonValue.Create((float)value.AsDouble()),
        FieldKind.Double => JsonValue.Create(value.AsDouble()),
        FieldKind.Decimal => JsonValue.Create(value.AsDecimal()),
        FieldKind.String => JsonValue.Create(value.AsString()),
        FieldKind.Bytes => JsonValue.Create(Convert.ToBase64String(value.AsBytes().Span)),
        FieldKind.Timestamp => JsonValue.Create(value.AsTimestamp().ToUnixTimeSeconds()),
        FieldKind.Array => new JsonArray([.. value.AsArray().Select(ToJson)]),
        FieldKind.Table => ToJson(value.AsTable()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown field kind."),
    };

    /// <summary>The AMQP type of every value of the table, under RabbitMQ's names, in the table's shape.</summary>
    public static JsonObject TypesToJson(Headers table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var json = new JsonObject();
        foreach (var (key, value) in table)
        {
            json[key] = TypeToJson(value);
        }

        return json;
    }

    /// <summary>RabbitMQ's name of the value's AMQP field type (what <c>rabbit_binary_parser</c> calls it).</summary>
    public static string TypeName(FieldValue value) => value.Kind switch
    {
        FieldKind.Void => "void",
        FieldKind.Boolean => "bool",
        FieldKind.Integer => value.NumberType switch
        {
            NumberType.SByte => "byte",
            NumberType.Byte => "unsignedbyte",
            NumberType.Int16 => "short",
            NumberType.UInt16 => "unsignedshort",
            NumberType.Int32 => "signedint",
            NumberType.UInt32 => "unsignedint",
            _ => "long",
        },
        FieldKind.Double => value.NumberType == NumberType.Single ? "float" : "double",
        FieldKind.Decimal => "decimal",
        FieldKind.String => "longstr",
        FieldKind.Bytes => "binary",
        FieldKind.Timestamp => "timestamp",
        FieldKind.Array => "array",
        FieldKind.Table => "table",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown field kind."),
    };

    private static JsonNode TypeToJson(FieldValue value) => value.Kind switch
    {
        FieldKind.Table => TypesToJson(value.AsTable()),
        FieldKind.Array => new JsonArray([.. value.AsArray().Select(TypeToJson)]),
        _ => JsonValue.Create(TypeName(value)),
    };

    /// <summary>The JSON object as a field table; null for a null or empty object.</summary>
    /// <param name="json">The object.</param>
    /// <param name="what">Names the object in errors ("arguments", "headers").</param>
    /// <exception cref="ApiException">400: a value cannot be a field value (names its path).</exception>
    public static Headers? ToHeaders(JsonObject? json, string what)
    {
        if (json is null || json.Count == 0)
        {
            return null;
        }

        return ToTable(json, what);
    }

    private static Headers ToTable(JsonObject json, string path)
    {
        var table = new Headers();
        foreach (var (key, node) in json)
        {
            if (key.Length == 0)
            {
                throw ApiException.BadRequest($"{path} has an empty key; field names must not be empty.");
            }

            table[key] = ToFieldValue(node, $"{path}.{key}");
        }

        return table;
    }

    private static FieldValue ToFieldValue(JsonNode? node, string path) => node switch
    {
        null => FieldValue.Void,
        JsonObject table => FieldValue.From(ToTable(table, path)),
        JsonArray array => FieldValue.From([.. array.Select((item, i) => ToFieldValue(item, $"{path}[{i}]"))]),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => FieldValue.From(value.GetValue<string>()),
            JsonValueKind.True => FieldValue.From(true),
            JsonValueKind.False => FieldValue.From(false),
            JsonValueKind.Number => Number(value, path),
            _ => throw ApiException.BadRequest($"{path} is not a valid field value."),
        },
        _ => throw ApiException.BadRequest($"{path} is not a valid field value."),
    };

    private static FieldValue Number(JsonValue value, string path)
    {
        if (value.TryGetValue<long>(out var integer))
        {
            return FieldValue.From(integer);
        }

        if (value.TryGetValue<double>(out var real) && double.IsFinite(real))
        {
            return FieldValue.From(real);
        }

        var text = value.ToJsonString();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out real) && double.IsFinite(real)
            ? FieldValue.From(real)
            : throw ApiException.BadRequest($"{path} = {text} is not a number a field value can hold.");
    }
}
