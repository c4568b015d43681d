using System.Text;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Resolution;

/// <summary>
/// Joins the resolved parts of a value concatenation: simple values into a string (keeping the whitespace
/// between them; an undefined optional substitution counts as an empty string, so the result is a string
/// even when one value remains), arrays into one array, objects by merging. Unquoted whitespace between arrays or objects
/// is ignored; anything else mixed with them is an error.
/// </summary>
internal static class Concatenation
{
    /// <summary>
    /// <paramref name="parts"/> are resolved; null stands for an optional substitution that is undefined.
    /// </summary>
    /// <returns>The joined value, or null when every part is undefined.</returns>
    public static HoconNode? Combine(IReadOnlyList<HoconNode?> parts, ConfigOrigin origin)
    {
        var values = parts.Where(p => p is not null && !IsSeparator(p)).Select(p => p!).ToList();
        if (values.Count == 0)
            return null;
        if (values.FirstOrDefault(v => v is HoconArray) is { } anArray)
            return new HoconArray(values.SelectMany(v => AsArray(v, anArray).Items).ToList(), origin);
        if (values.FirstOrDefault(v => v is HoconObject) is { } anObject)
        {
            var merged = AsObject(values[0], anObject);
            foreach (var value in values.Skip(1))
                merged = NodeMerger.MergeObjects(AsObject(value, anObject), merged);
            return merged;
        }
        var text = new StringBuilder();
        foreach (var part in parts)
            text.Append(part is HoconScalar scalar ? scalar.Text : "");
        return HoconScalar.String(text.ToString(), origin);
    }

    private static bool IsSeparator(HoconNode? node) => node is HoconScalar { IsSeparator: true };

    private static HoconArray AsArray(HoconNode value, HoconNode anArray) =>
        value as HoconArray ?? NumericObjects.ToArray(value) ?? throw Mismatch(value, anArray);

    private static HoconObject AsObject(HoconNode value, HoconNode anObject) =>
        value as HoconObject ?? throw Mismatch(value, anObject);

    private static ConfigException Mismatch(HoconNode value, HoconNode other) =>
        new($"cannot concatenate {value.Describe()} with {other.Describe()}: "
            + "values on one line are joined, and only strings with strings, arrays with arrays, objects with objects",
            value.Origin);
}
