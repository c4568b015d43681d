using System.Globalization;
using System.Text.Json;

namespace ActorBroker.Amqp.CodeGen.Spec;

/// <summary>Reads RabbitMQ's codegen JSON (<c>amqp-rabbitmq-0.9.1.json</c>) into an <see cref="AmqpSpec"/>.</summary>
public static class SpecLoader
{
    public static AmqpSpec Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        var domains = new Dictionary<string, WireType>(StringComparer.Ordinal);
        foreach (var domain in root.GetProperty("domains").EnumerateArray())
        {
            domains[domain[0].GetString()!] = ParseWireType(domain[1].GetString()!);
        }

        var constants = root.GetProperty("constants").EnumerateArray()
            .Select(c => new SpecConstant(
                c.GetProperty("name").GetString()!,
                c.GetProperty("value").GetInt32(),
                c.TryGetProperty("class", out var errorClass) ? errorClass.GetString() : null))
            .ToList();

        var classes = root.GetProperty("classes").EnumerateArray()
            .Select(c => LoadClass(c, domains))
            .ToList();

        return new AmqpSpec(
            root.GetProperty("major-version").GetInt32(),
            root.GetProperty("minor-version").GetInt32(),
            root.GetProperty("revision").GetInt32(),
            root.GetProperty("port").GetInt32(),
            constants,
            classes);
    }

    private static SpecClass LoadClass(JsonElement element, Dictionary<string, WireType> domains)
    {
        var methods = element.GetProperty("methods").EnumerateArray()
            .Select(m => new SpecMethod(
                m.GetProperty("name").GetString()!,
                checked((ushort)m.GetProperty("id").GetInt32()),
                m.TryGetProperty("content", out var content) && content.GetBoolean(),
                m.TryGetProperty("synchronous", out var synchronous) && synchronous.GetBoolean(),
                m.GetProperty("arguments").EnumerateArray().Select(a => LoadField(a, domains)).ToList()))
            .ToList();

        var properties = element.TryGetProperty("properties", out var props)
            ? props.EnumerateArray().Select(p => LoadField(p, domains)).ToList()
            : [];

        return new SpecClass(
            element.GetProperty("name").GetString()!,
            checked((ushort)element.GetProperty("id").GetInt32()),
            methods,
            properties);
    }

    private static SpecField LoadField(JsonElement element, Dictionary<string, WireType> domains)
    {
        var name = element.GetProperty("name").GetString()!;
        WireType type;
        if (element.TryGetProperty("type", out var typeName))
        {
            type = ParseWireType(typeName.GetString()!);
        }
        else
        {
            var domain = element.GetProperty("domain").GetString()!;
            if (!domains.TryGetValue(domain, out type))
            {
                throw new InvalidDataException($"field '{name}' uses unknown domain '{domain}'");
            }
        }

        SpecDefault? defaultValue = null;
        if (element.TryGetProperty("default-value", out var value))
        {
            defaultValue = value.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => new SpecDefault(value.GetBoolean(), null, null),
                JsonValueKind.Number => new SpecDefault(null, value.GetInt64(), null),
                JsonValueKind.String => new SpecDefault(null, null, value.GetString()),
                JsonValueKind.Object => null,
                _ => throw new InvalidDataException($"field '{name}' has an unsupported default value {value}"),
            };
        }

        return new SpecField(name, type, defaultValue);
    }

    private static WireType ParseWireType(string name) => name switch
    {
        "bit" => WireType.Bit,
        "octet" => WireType.Octet,
        "short" => WireType.Short,
        "long" => WireType.Long,
        "longlong" => WireType.LongLong,
        "timestamp" => WireType.Timestamp,
        "shortstr" => WireType.ShortStr,
        "longstr" => WireType.LongStr,
        "table" => WireType.Table,
        _ => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"unknown AMQP type '{name}'")),
    };
}
