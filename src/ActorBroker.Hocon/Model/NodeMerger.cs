namespace ActorBroker.Hocon.Model;

/// <summary>The spec's one merge rule, used for duplicate keys, object concatenation, includes and fallbacks.</summary>
internal static class NodeMerger
{
    /// <summary>
    /// The value of a field set to <paramref name="newer"/> after <paramref name="older"/>: objects merge,
    /// any other value replaces, and a value that depends on substitutions keeps the older one beneath it.
    /// </summary>
    public static HoconNode Merge(HoconNode newer, HoconNode? older)
    {
        if (older is null)
            return newer.IsUnresolved ? new HoconLayer(newer, null) : newer;
        if (newer.IsUnresolved)
            return new HoconLayer(newer, older);
        if (newer is not HoconObject newerObject)
            return newer;
        return older switch
        {
            HoconObject olderObject => MergeObjects(newerObject, olderObject),
            _ when older.IsUnresolved => new HoconLayer(newerObject, older),
            _ => new HoconObject(new OrderedDictionary<string, HoconNode>(newerObject.Fields), newerObject.Origin, ignoresFallbacks: true),
        };
    }

    /// <summary>Fields of both objects; keys keep the position where they first appeared in <paramref name="older"/>.</summary>
    public static HoconObject MergeObjects(HoconObject newer, HoconObject older)
    {
        if (newer.IgnoresFallbacks || (older.Count == 0 && !older.IgnoresFallbacks))
            return newer;
        var fields = new OrderedDictionary<string, HoconNode>(older.Fields);
        foreach (var (key, value) in newer.Fields)
            fields[key] = Merge(value, fields.GetValueOrDefault(key));
        return new HoconObject(fields, newer.Origin, older.IgnoresFallbacks);
    }

    /// <summary>Sets <paramref name="value"/> at <paramref name="path"/> below a mutable object, merging as a duplicate key would.</summary>
    public static void SetPath(OrderedDictionary<string, HoconNode> fields, IReadOnlyList<string> path, HoconNode value)
    {
        var nested = value;
        for (var i = path.Count - 1; i > 0; i--)
            nested = new HoconObject(new OrderedDictionary<string, HoconNode> { [path[i]] = nested }, value.Origin);
        fields[path[0]] = Merge(nested, fields.GetValueOrDefault(path[0]));
    }
}
