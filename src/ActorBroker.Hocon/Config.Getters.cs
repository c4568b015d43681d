using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Values;

namespace ActorBroker.Hocon;

public sealed partial class Config
{
    /// <summary>True when <paramref name="path"/> has a value other than null.</summary>
    public bool HasPath(string path) => Find(path) is { } node && node is not HoconScalar { Kind: ScalarKind.Null };

    /// <summary>A string; numbers and booleans are given as written (<c>5672</c>, <c>true</c>).</summary>
    public string GetString(string path) => Get(path, ValueConverter.ToString);

    /// <summary>As <see cref="GetString(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public string GetString(string path, string defaultValue) => GetOr(path, defaultValue, ValueConverter.ToString);

    /// <summary>A whole number that fits in 32 bits; a numeric string such as <c>"15672"</c> is accepted.</summary>
    public int GetInt(string path) => Get(path, ValueConverter.ToInt);

    /// <summary>As <see cref="GetInt(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public int GetInt(string path, int defaultValue) => GetOr(path, defaultValue, ValueConverter.ToInt);

    /// <summary>A whole number that fits in 64 bits; a numeric string is accepted.</summary>
    public long GetLong(string path) => Get(path, ValueConverter.ToLong);

    /// <summary>As <see cref="GetLong(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public long GetLong(string path, long defaultValue) => GetOr(path, defaultValue, ValueConverter.ToLong);

    /// <summary>A boolean; the strings <c>true/yes/on</c> and <c>false/no/off</c> are accepted too.</summary>
    public bool GetBoolean(string path) => Get(path, ValueConverter.ToBoolean);

    /// <summary>As <see cref="GetBoolean(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public bool GetBoolean(string path, bool defaultValue) => GetOr(path, defaultValue, ValueConverter.ToBoolean);

    /// <summary>A number; a numeric string is accepted.</summary>
    public double GetDouble(string path) => Get(path, ValueConverter.ToDouble);

    /// <summary>As <see cref="GetDouble(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public double GetDouble(string path, double defaultValue) => GetOr(path, defaultValue, ValueConverter.ToDouble);

    /// <summary>
    /// A duration: a number is milliseconds; a string is a number and a unit — <c>ns</c>, <c>us</c>, <c>ms</c>,
    /// <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or a long form such as <c>seconds</c> (lowercase, as the spec says).
    /// </summary>
    public TimeSpan GetDuration(string path) => Get(path, ValueConverter.ToDuration);

    /// <summary>As <see cref="GetDuration(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public TimeSpan GetDuration(string path, TimeSpan defaultValue) => GetOr(path, defaultValue, ValueConverter.ToDuration);

    /// <summary>
    /// A size in bytes: a number is bytes; <c>kB</c>, <c>MB</c>, <c>kilobytes</c>… are powers of 10 and
    /// <c>K</c>, <c>k</c>, <c>KiB</c>, <c>kibibytes</c>… powers of 2, as the spec defines them.
    /// </summary>
    public long GetBytes(string path) => Get(path, ValueConverter.ToBytes);

    /// <summary>As <see cref="GetBytes(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public long GetBytes(string path, long defaultValue) => GetOr(path, defaultValue, ValueConverter.ToBytes);

    /// <summary>The sub-tree at <paramref name="path"/>, which must be an object.</summary>
    public Config GetConfig(string path) => new(Get(path, ValueConverter.ToObject), FullPath(path));

    /// <summary>An array (or an object with integer keys, as properties files write arrays).</summary>
    public IReadOnlyList<ConfigValue> GetList(string path) => ListOf(Require(path), FullPath(path));

    /// <summary>An array whose elements all convert to strings.</summary>
    public IReadOnlyList<string> GetStringList(string path) => GetList(path).Select(v => v.AsString()).ToList();

    /// <summary>As <see cref="GetStringList(string)"/>, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        HasPath(path) ? GetStringList(path) : defaultValue;

    private T Get<T>(string path, Func<HoconNode, string, T> convert) => convert(Require(path), FullPath(path));

    private T GetOr<T>(string path, T defaultValue, Func<HoconNode, string, T> convert) =>
        HasPath(path) ? Get(path, convert) : defaultValue;

    private string FullPath(string path) => _rootPath.Length == 0 ? path : $"{_rootPath}.{path}";

    private HoconNode? Find(string path) => Walk(ConfigPath.Parse(path), out _, out _);

    private HoconNode Require(string path)
    {
        var elements = ConfigPath.Parse(path);
        if (Walk(elements, out var missingAt, out var last) is { } node)
            return node;
        var parent = FullPath(ConfigPath.Render(elements.Take(missingAt)));
        var reason = (missingAt, last) switch
        {
            (0, _) => $"no setting at '{FullPath(path)}'",
            (_, HoconObject) => $"no setting at '{FullPath(path)}': '{parent}' has no key '{elements[missingAt]}'",
            _ => $"no setting at '{FullPath(path)}': '{parent}' is {last.Describe()}, not an object",
        };
        throw new ConfigException(reason, last.Origin, FullPath(path));
    }

    // The node at the path, or null with the index of the first element not found and the last node reached.
    private HoconNode? Walk(IReadOnlyList<string> elements, out int missingAt, out HoconNode last)
    {
        last = _root;
        for (missingAt = 0; missingAt < elements.Count; missingAt++)
        {
            if (last is not HoconObject obj || !obj.TryGet(elements[missingAt], out var child))
                return null;
            last = child;
        }
        return last;
    }
}
