using System.Text;
using System.Text.Json;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Reads a <c>.json</c> file by JSON's rules only (no comments, unquoted strings or substitutions),
/// keeping the line and column of every value for error messages.
/// </summary>
internal static class JsonReader
{
    public static HoconObject Read(string text, string file)
    {
        var source = new JsonSource(Encoding.UTF8.GetBytes(text), file);
        var reader = new Utf8JsonReader(source.Bytes, new JsonReaderOptions { MaxDepth = ParseLimits.MaxDepth });
        try
        {
            if (!reader.Read())
                throw new ConfigException("expected a JSON object, found end of file", new ConfigOrigin(file, 1, 1));
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new ConfigException($"the root of a config must be an object, found {reader.TokenType}", source.OriginOf(reader.TokenStartIndex));
            var root = (HoconObject)ReadValue(ref reader, source);
            if (reader.Read())
                throw new ConfigException($"expected end of file after the root object, found {reader.TokenType}", source.OriginOf(reader.TokenStartIndex));
            return root;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new ConfigException(WithoutPosition(e.Message), new ConfigOrigin(file, line, column), inner: e);
        }
    }

    private static HoconNode ReadValue(ref Utf8JsonReader reader, JsonSource source)
    {
        var origin = source.OriginOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var fields = new OrderedDictionary<string, HoconNode>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    NodeMerger.SetPath(fields, [key], ReadValue(ref reader, source));
                }
                return new HoconObject(fields, origin);
            case JsonTokenType.StartArray:
                var items = new List<HoconNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, source));
                return new HoconArray(items, origin);
            case JsonTokenType.String:
                return HoconScalar.String(reader.GetString()!, origin);
            case JsonTokenType.Number:
                return HoconScalar.Number(Encoding.UTF8.GetString(reader.ValueSpan), origin);
            case JsonTokenType.True or JsonTokenType.False:
                return HoconScalar.Boolean(reader.GetBoolean(), origin);
            default:
                return HoconScalar.Null(origin);
        }
    }

    // System.Text.Json appends " LineNumber: n | BytePositionInLine: m." which the location prefix already says.
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    private sealed class JsonSource
    {
        private readonly List<int> _lineStarts = [0];

        public JsonSource(byte[] bytes, string file)
        {
            Bytes = bytes;
            File = file;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                    _lineStarts.Add(i + 1);
            }
        }

        public byte[] Bytes { get; }

        public string File { get; }

        public ConfigOrigin OriginOf(long offset)
        {
            var index = _lineStarts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var column = 1;
            for (var i = _lineStarts[line]; i < offset; i++)
            {
                // Count characters, not bytes: UTF-8 continuation bytes are 10xxxxxx.
                if ((Bytes[i] & 0xC0) != 0x80)
                    column++;
            }
            return new ConfigOrigin(File, line + 1, column);
        }
    }
}
