using System.Globalization;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Resolution;

/// <summary>
/// The spec's conversion of an object with integer keys (<c>{ "0": a, "1": b }</c>, as properties files
/// write arrays) to an array, done only where an array is expected.
/// </summary>
internal static class NumericObjects
{
    public static HoconArray? ToArray(HoconNode node)
    {
        if (node is not HoconObject obj)
            return null;
        var indexed = new List<(long Index, HoconNode Value)>();
        foreach (var (key, value) in obj.Fields)
        {
            if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                indexed.Add((index, value));
        }
        return indexed.Count == 0 ? null : new HoconArray(indexed.OrderBy(e => e.Index).Select(e => e.Value).ToList(), obj.Origin);
    }
}
