using System.Collections;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon;

/// <summary>Settings from environment variables named <c>ACTORBROKER__a__b__c</c> (path <c>a.b.c</c>).</summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "ACTORBROKER__";

    public static HoconObject Read(IDictionary environment)
    {
        var fields = new OrderedDictionary<string, HoconNode>();
        var names = environment.Keys.OfType<string>()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = name[Prefix.Length..].Split("__");
            if (path.Any(string.IsNullOrEmpty) || environment[name] is not string value)
                continue;
            NodeMerger.SetPath(fields, path, HoconScalar.String(value, ConfigOrigin.Of($"environment variable {name}")));
        }
        return new HoconObject(fields, ConfigOrigin.Of("environment"));
    }
}
