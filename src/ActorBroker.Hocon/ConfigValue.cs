using ActorBroker.Hocon.Json;
using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

/// <summary>
/// One resolved value, as returned by <see cref="Config.GetList(string)"/>. The <c>As…</c> methods apply the
/// same conversions as the <see cref="Config"/> getters and throw <see cref="ConfigException"/> on a wrong type.
/// </summary>
public sealed class ConfigValue
{
    private readonly HoconNode _node;

    internal ConfigValue(HoconNode node, string path)
    {
        _node = node;
        Path = path;
    }

    /// <summary>Where the value is in the config, such as <c>a.b[2]</c>.</summary>
    public string Path { get; }

    /// <summary>The JSON type of the value.</summary>
    public ConfigValueType Type => _node switch
    {
        HoconObject => ConfigValueType.Object,
        HoconArray => ConfigValueType.Array,
        HoconScalar { Kind: ScalarKind.Number } => ConfigValueType.Number,
        HoconScalar { Kind: ScalarKind.Boolean } => ConfigValueType.Boolean,
        HoconScalar { Kind: ScalarKind.Null } => ConfigValueType.Null,
        _ => ConfigValueType.String,
    };

    /// <summary>Where the value was set: <c>file:line:column</c>.</summary>
    public string Origin => _node.Origin.ToString();

    public string AsString() => ValueConverter.ToString(_node, Path);

    public int AsInt() => ValueConverter.ToInt(_node, Path);

    public long AsLong() => ValueConverter.ToLong(_node, Path);

    public double AsDouble() => ValueConverter.ToDouble(_node, Path);

    public bool AsBoolean() => ValueConverter.ToBoolean(_node, Path);

    public TimeSpan AsDuration() => ValueConverter.ToDuration(_node, Path);

    public long AsBytes() => ValueConverter.ToBytes(_node, Path);

    /// <summary>The value as a config; it must be an object.</summary>
    public Config AsConfig() => new(ValueConverter.ToObject(_node, Path), Path);

    /// <summary>The elements of an array (or of an object with integer keys).</summary>
    public IReadOnlyList<ConfigValue> AsList() => Config.ListOf(_node, Path);

    /// <summary>The value as compact JSON.</summary>
    public override string ToString() => ConfigJsonWriter.Write(_node, indented: false);
}
