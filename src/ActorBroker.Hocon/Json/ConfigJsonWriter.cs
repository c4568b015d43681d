using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Json;

/// <summary>Writes a resolved value as JSON: keys in config order, numbers as written, readable Unicode.</summary>
internal static class ConfigJsonWriter
{
    public static string Write(HoconNode node, bool indented)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
            WriteValue(writer, node);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, HoconNode node)
    {
        switch (node)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Fields)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, value);
                }
                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                    WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            case HoconScalar { Kind: ScalarKind.Number } number:
                WriteNumber(writer, number.Text);
                break;
            case HoconScalar { Kind: ScalarKind.Boolean } boolean:
                writer.WriteBooleanValue(boolean.Text == "true");
                break;
            case HoconScalar { Kind: ScalarKind.Null }:
                writer.WriteNullValue();
                break;
            case HoconScalar text:
                writer.WriteStringValue(text.Text);
                break;
            default:
                throw new InvalidOperationException($"unresolved {node.Describe()} cannot be written as JSON");
        }
    }

    // Integers and decimals are written as numbers (decimal keeps the written scale, 1.50 stays 1.50). A number
    // beyond decimal's range is written as its text, which the lexer and JSON reader guarantee is valid JSON;
    // raw values are not indented by Utf8JsonWriter, so that path is kept for the rare case.
    private static void WriteNumber(Utf8JsonWriter writer, string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            writer.WriteNumberValue(integer);
        else if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            writer.WriteNumberValue(number);
        else
            writer.WriteRawValue(text);
    }
}
