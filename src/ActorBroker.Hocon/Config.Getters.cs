using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

public sealed partial class Config
{
    /// <summary>True when <paramref name="path"/> has a value other than null.</summary>
    public bool HasPath(string path) => Find(path) is { } node && node is not HoconScalar { Kind: ScalarKind.Null };

    public string GetString(string path) => Get(path, ValueConverter.ToString);

    public string GetString(string path, string defaultValue) => GetOr(path, defaultValue, ValueConverter.ToString);

    public int GetInt(string path) => Get(path, ValueConverter.ToInt);

    public int GetInt(string path, int defaultValue) => GetOr(path, defaultValue, ValueConverter.ToInt);

    public long GetLong(string path) => Get(path, ValueConverter.ToLong);

    public long GetLong(string path, long defaultValue) => GetOr(path, defaultValue, ValueConverter.ToLong);

    /// <summary>A boolean; the strings <c>true/yes/on</c> and <c>false/no/off</c> are accepted too.</summary>
    public bool GetBoolean(string path) => Get(path, ValueConverter.ToBoolean);

    public bool GetBoolean(string path, bool defaultValue) => GetOr(path, defaultValue, ValueConverter.ToBoolean);

    public double GetDouble(string path) => Get(path, ValueConverter.ToDouble);

    public double GetDouble(string path, double defaultValue) => GetOr(path, defaultValue, ValueConverter.ToDouble);

    /// <summary>
    /// A duration: a number is milliseconds; a string is a number and a unit — <c>ns</c>, <c>us</c>, <c>ms</c>,
    /// <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or a long form such as <c>seconds</c> (lowercase, as the spec says).
    /// </summary>
    public TimeSpan GetDuration(string path) => Get(path, ValueConverter.ToDuration);

    public TimeSpan GetDuration(string path, TimeSpan defaultValue) => GetOr(path, defaultValue, ValueConverter.ToDuration);

    /// <summary>
    /// A size in bytes: a number is bytes; <c>kB</c>, <c>MB</c>, <c>kilobytes</c>… are powers of 10 and
    /// <c>K</c>, <c>k</c>, <c>KiB</c>, <c>kibibytes</c>… powers of 2, as the spec defines them.
    /// </summary>
    public long GetBytes(string path) => Get(path, ValueConverter.ToBytes);

    public long GetBytes(string path, long defaultValue) => GetOr(path, defaultValue, ValueConverter.ToBytes);

    /// <summary>The sub-tree at <paramref name="path"/>, which must be an object.</summary>
    public Config GetConfig(string path) => new(Get(path, ValueConverter.ToObject), FullPath(path));

    /// <summary>An array (or an object with integer keys, as properties files write arrays).</summary>
    public IReadOnlyList<ConfigValue> GetList(string path) => ListOf(Require(path), FullPath(path));

    /// <summary>An array whose elements all convert to strings.</summary>
    public IReadOnlyList<string> GetStringList(string path) => GetList(path).Select(v => v.AsString()).ToList();

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        HasPath(path) ? GetStringList(path) : defaultValue;

    private T Get<T>(string path, Func<HoconNode, string, T> convert) => convert(Require(path), FullPath(path));

    private T GetOr<T>(string path, T defaultValue, Func<HoconNode, string, T> convert) =>
        HasPath(path) ? Get(path, convert) : defaultValue;

    private string FullPath(string path) => _rootPath.Length == 0 ? path : $"{_rootPath}.{path}";

    private HoconNode? Find(string path)
    {
        HoconNode node = _root;
        foreach (var key in ConfigPath.Parse(path))
        {
            if (node is not HoconObject obj || !obj.TryGet(key, out var child))
                return null;
            node = child;
        }
        return node;
    }

    private HoconNode Require(string path)
    {
        var elements = ConfigPath.Parse(path);
        HoconNode node = _root;
        for (var i = 0; i < elements.Count; i++)
        {
            if (node is HoconObject obj && obj.TryGet(elements[i], out var child))
            {
                node = child;
                continue;
            }
            var parent = ConfigPath.Render(elements.Take(i));
            var reason = i == 0 || node is HoconObject
                ? $"no setting at '{FullPath(path)}'{(i == 0 ? "" : $": '{FullPath(parent)}' has no key '{elements[i]}'")}"
                : $"no setting at '{FullPath(path)}': '{FullPath(parent)}' is {node.Describe()}, not an object";
            throw new ConfigException(reason, node.Origin, FullPath(path));
        }
        return node;
    }
}
