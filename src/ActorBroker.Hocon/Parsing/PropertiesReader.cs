using System.Globalization;
using System.Text;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Reads Java properties (<c>key=value</c>, <c>key: value</c>, <c>key value</c>; <c>#</c> and <c>!</c> comments;
/// backslash escapes and line continuations). Keys split on every '.' into a path; values are always strings.
/// Where a key is both a value and a parent (<c>a=1</c>, <c>a.b=2</c>) the object wins, as the spec says.
/// </summary>
internal static class PropertiesReader
{
    public static HoconObject Read(string text, string file)
    {
        var root = new Entry(new ConfigOrigin(file, 1, 1));
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var first = i;
            var line = lines[i].TrimStart(' ', '\t', '\f');
            if (line.Length == 0 || line[0] is '#' or '!')
                continue;
            while (EndsWithContinuation(line) && i + 1 < lines.Length)
                line = line[..^1] + lines[++i].TrimStart(' ', '\t', '\f');
            if (EndsWithContinuation(line))
                line = line[..^1];
            var (key, value) = SplitKeyValue(line);
            var path = key.Split('.');
            var origin = new ConfigOrigin(file, first + 1, 1);
            if (path.Length > ParseLimits.MaxDepth)
                throw new ConfigException(ParseLimits.TooDeep, origin);
            root.Set(path, value, origin);
        }
        return root.ToObject();
    }

    private static bool EndsWithContinuation(string line)
    {
        var backslashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
            backslashes++;
        return backslashes % 2 == 1;
    }

    private static (string Key, string Value) SplitKeyValue(string line)
    {
        var end = 0;
        while (end < line.Length && line[end] is not ('=' or ':' or ' ' or '\t' or '\f'))
            end += line[end] == '\\' ? 2 : 1;
        end = Math.Min(end, line.Length);
        var rest = end;
        while (rest < line.Length && line[rest] is ' ' or '\t' or '\f')
            rest++;
        if (rest < line.Length && line[rest] is '=' or ':')
            rest++;
        while (rest < line.Length && line[rest] is ' ' or '\t' or '\f')
            rest++;
        return (Unescape(line[..end]), Unescape(line[rest..]));
    }

    private static string Unescape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 == text.Length)
            {
                builder.Append(c);
                continue;
            }
            c = text[++i];
            if (c == 'u' && i + 4 < text.Length
                && ushort.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                builder.Append((char)unit);
                i += 4;
                continue;
            }
            builder.Append(c switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', _ => c });
        }
        return builder.ToString();
    }

    // A properties key is a value, a parent of other keys, or both; the tree is built first so that a
    // parent always wins over a value whatever the order of the lines.
    private sealed class Entry(ConfigOrigin origin)
    {
        private OrderedDictionary<string, Entry>? _children;
        private string? _value;
        private ConfigOrigin _origin = origin;

        public void Set(string[] path, string value, ConfigOrigin at, int index = 0)
        {
            if (index == path.Length)
            {
                _value = value;
                _origin = at;
                return;
            }
            _children ??= [];
            if (!_children.TryGetValue(path[index], out var child))
                _children[path[index]] = child = new Entry(at);
            child.Set(path, value, at, index + 1);
        }

        public HoconObject ToObject()
        {
            var fields = new OrderedDictionary<string, HoconNode>();
            foreach (var (key, child) in _children ?? [])
                fields[key] = child._children is null ? HoconScalar.String(child._value ?? "", child._origin) : child.ToObject();
            return new HoconObject(fields, _origin);
        }
    }
}
