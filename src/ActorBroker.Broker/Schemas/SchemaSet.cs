namespace ActorBroker.Broker.Schemas;

/// <summary>
/// The schemas of one virtual host, every version of each, as an immutable snapshot: the host's actor is its only
/// writer (copy on change; schemas change rarely), publishers on any thread read the latest versions.
/// </summary>
internal sealed class SchemaSet
{
    private readonly Dictionary<string, MessageSchema[]> _versions;

    private SchemaSet(Dictionary<string, MessageSchema[]> versions) => _versions = versions;

    public static SchemaSet Empty { get; } = new(new(StringComparer.Ordinal));

    public bool IsEmpty => _versions.Count == 0;

    /// <summary>Every name with its versions, oldest first; names in ordinal order.</summary>
    public IEnumerable<IReadOnlyList<MessageSchema>> All => _versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (IReadOnlyList<MessageSchema>)v.Value);

    /// <summary>The versions of <paramref name="name"/>, oldest first; empty when it is not registered.</summary>
    public IReadOnlyList<MessageSchema> Versions(string name) => _versions.TryGetValue(name, out var versions) ? versions : [];

    /// <summary>The newest version of <paramref name="name"/>, the one messages are checked against.</summary>
    public MessageSchema? Latest(string name) => _versions.TryGetValue(name, out var versions) ? versions[^1] : null;

    /// <summary>The set after a journaled change (recovery folds the host's schema journal with it).</summary>
    public static SchemaSet Apply(SchemaSet schemas, object record) => record switch
    {
        SchemaRecord.SchemaAdded added => schemas.With(added.Schema),
        SchemaRecord.SchemaRemoved removed => schemas.Without(removed.Name),
        _ => schemas,
    };

    public SchemaSet With(MessageSchema schema)
    {
        var versions = new Dictionary<string, MessageSchema[]>(_versions, StringComparer.Ordinal)
        {
            [schema.Name] = [.. Versions(schema.Name), schema],
        };
        return new SchemaSet(versions);
    }

    public SchemaSet Without(string name)
    {
        var versions = new Dictionary<string, MessageSchema[]>(_versions, StringComparer.Ordinal);
        versions.Remove(name);
        return new SchemaSet(versions);
    }
}
