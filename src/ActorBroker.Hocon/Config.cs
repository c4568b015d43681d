using ActorBroker.Hocon.Json;
using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

/// <summary>
/// An immutable, fully resolved configuration: a tree of objects, arrays and values read with typed getters
/// by path (<c>actorbroker.amqp.port</c>; quote an element that contains a dot: <c>a."b.c"</c>).
/// </summary>
/// <remarks>
/// Getters convert as the HOCON spec recommends: numbers and booleans read as strings, numeric strings as
/// numbers, <c>true/false/yes/no/on/off</c> as booleans, <c>10s</c> as a duration and <c>64MiB</c> as a size.
/// A missing path or a value of the wrong type throws <see cref="ConfigException"/> naming the path and
/// where the value was set. Build one with <see cref="ConfigFactory"/>.
/// </remarks>
public sealed partial class Config
{
    private readonly HoconObject _root;
    private readonly string _rootPath;

    internal Config(HoconObject root, string rootPath)
    {
        _root = root;
        _rootPath = rootPath;
    }

    /// <summary>A config with no settings.</summary>
    public static Config Empty { get; } = new(HoconObject.Empty(ConfigOrigin.Of("empty config")), "");

    /// <summary>True when the config has no settings.</summary>
    public bool IsEmpty => _root.Count == 0;

    /// <summary>The keys of the top-level object, in the order they were first set.</summary>
    public IEnumerable<string> Keys => _root.Keys;

    internal HoconObject Root => _root;

    /// <summary>
    /// This config with <paramref name="fallback"/> beneath it: settings missing here come from the fallback,
    /// objects present in both are merged, and any other value here wins. Keys are ordered as if the fallback
    /// were written first and this config after it.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Config(NodeMerger.MergeObjects(_root, fallback._root), _rootPath);
    }

    /// <summary>The config as JSON: keys in the order they were first set, numbers, booleans and null as JSON values.</summary>
    public string ToJson(bool indented = true) => ConfigJsonWriter.Write(_root, indented);

    /// <inheritdoc cref="ToJson"/>
    public override string ToString() => ToJson();

    internal static IReadOnlyList<ConfigValue> ListOf(HoconNode node, string path) =>
        ValueConverter.ToArray(node, path).Items.Select((item, i) => new ConfigValue(item, $"{path}[{i}]")).ToList();
}
