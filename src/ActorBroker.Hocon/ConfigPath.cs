using System.Text;
using ActorBroker.Hocon.Parsing;

namespace ActorBroker.Hocon;

/// <summary>Path expressions as used by the getters: <c>a.b.c</c>, with quoted elements such as <c>a."b.c"</c>.</summary>
internal static class ConfigPath
{
    public static IReadOnlyList<string> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parser.ParseStandalonePath(path);
    }

    public static string Render(IEnumerable<string> path) => string.Join('.', path.Select(Quote));

    private static string Quote(string element)
    {
        if (element.Length > 0 && element.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            return element;
        var builder = new StringBuilder("\"");
        foreach (var c in element)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }
        return builder.Append('"').ToString();
    }
}
