namespace ActorBroker.Hocon.Model;

/// <summary>An object: fields in the order their keys first appeared.</summary>
internal sealed class HoconObject : HoconNode
{
    private readonly OrderedDictionary<string, HoconNode> _fields;

    public HoconObject(OrderedDictionary<string, HoconNode> fields, ConfigOrigin origin, bool ignoresFallbacks = false)
        : base(origin)
    {
        _fields = fields;
        IgnoresFallbacks = ignoresFallbacks;
    }

    /// <summary>
    /// The object replaced a non-object value, so nothing older may merge into it: merging happens two values
    /// at a time, and the non-object already hid every object before it.
    /// </summary>
    public bool IgnoresFallbacks { get; }

    public int Count => _fields.Count;

    public IEnumerable<KeyValuePair<string, HoconNode>> Fields => _fields;

    public IEnumerable<string> Keys => _fields.Keys;

    public static HoconObject Empty(ConfigOrigin origin) => new([], origin);

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconNode? value) =>
        _fields.TryGetValue(key, out value);

    public override string Describe() => "an object";
}
