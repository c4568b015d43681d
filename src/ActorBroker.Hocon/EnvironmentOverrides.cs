using System.Collections;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon;

/// <summary>
/// Settings from environment variables named <c>ACTORBROKER__a__b__c</c> (path <c>a.b.c</c>). A single
/// <c>_</c> inside a path element stands for <c>-</c> (<c>snapshot_store</c> is <c>snapshot-store</c>),
/// unless the configuration beneath already has a key spelled with the <c>_</c> at that place.
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "ACTORBROKER__";

    /// <param name="environment">The environment variables.</param>
    /// <param name="beneath">The configuration the overrides are laid over; it decides how an element spelled with <c>_</c> is read.</param>
    public static HoconObject Read(IDictionary environment, HoconObject beneath)
    {
        var fields = new OrderedDictionary<string, HoconNode>();
        // Ordinal order makes the outcome of two spellings of one setting fixed: '-' sorts before '_', so the
        // shell spelling wins.
        var names = environment.Keys.OfType<string>()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var elements = name[Prefix.Length..].Split("__");
            if (elements.Any(string.IsNullOrEmpty) || environment[name] is not string value)
                continue;
            NodeMerger.SetPath(fields, PathOf(elements, beneath), HoconScalar.String(value, ConfigOrigin.Of($"environment variable {name}")));
        }
        return new HoconObject(fields, ConfigOrigin.Of("environment"));
    }

    // A shell's variable names hold only letters, digits and '_', while HOCON keys are written with '-'
    // (snapshot-store, private-key); the names written with '-' still work where the environment allows them.
    private static string[] PathOf(string[] elements, HoconNode? beneath)
    {
        var path = new string[elements.Length];
        for (var i = 0; i < elements.Length; i++)
        {
            var asWritten = elements[i];
            path[i] = Child(beneath, asWritten) is null ? asWritten.Replace('_', '-') : asWritten;
            beneath = Child(beneath, path[i]);
        }
        return path;
    }

    // Only the keys the unresolved tree shows: an object, or an object laid over a value still to be resolved.
    private static HoconNode? Child(HoconNode? node, string key) => node switch
    {
        HoconObject o => o.TryGet(key, out var value) ? value : null,
        HoconLayer layer => Child(layer.Top, key) ?? Child(layer.Below, key),
        _ => null,
    };
}
