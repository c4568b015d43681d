namespace ActorBroker.Hocon.Model;

/// <summary>An object: fields in the order their keys first appeared.</summary>
internal sealed class HoconObject : HoconNode
{
    private readonly OrderedDictionary<string, HoconNode> _fields;

    public HoconObject(OrderedDictionary<string, HoconNode> fields, ConfigOrigin origin)
        : base(origin) => _fields = fields;

    public int Count => _fields.Count;

    public IEnumerable<KeyValuePair<string, HoconNode>> Fields => _fields;

    public IEnumerable<string> Keys => _fields.Keys;

    public static HoconObject Empty(ConfigOrigin origin) => new([], origin);

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconNode? value) =>
        _fields.TryGetValue(key, out value);

    public override string Describe() => "an object";
}
