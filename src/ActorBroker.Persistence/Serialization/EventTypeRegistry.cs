using System.Collections.Concurrent;

namespace ActorBroker.Persistence.Serialization;

/// <summary>
/// The stable names (manifests) of the event and snapshot types a node stores. Register each type once
/// at start, with a name that survives renames of the CLR type (e.g. <c>queue.enqueued.v1</c>).
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifests = new();

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    public EventTypeRegistry Register<T>(string manifest) => Register(typeof(T), manifest);

    /// <summary>
    /// Registers <paramref name="type"/> under <paramref name="manifest"/>. Registering the same pair again
    /// is allowed; a manifest or a type already bound to something else is refused.
    /// </summary>
    public EventTypeRegistry Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        var boundType = _types.GetOrAdd(manifest, type);
        if (boundType != type)
        {
            throw new ArgumentException($"Manifest '{manifest}' is already registered for {boundType.FullName}, not {type.FullName}.", nameof(manifest));
        }

        var boundManifest = _manifests.GetOrAdd(type, manifest);
        if (boundManifest != manifest)
        {
            _types.TryRemove(new KeyValuePair<string, Type>(manifest, type));
            throw new ArgumentException($"Type {type.FullName} is already registered as '{boundManifest}', not '{manifest}'.", nameof(type));
        }

        return this;
    }

    /// <summary>The manifest of <paramref name="type"/>, or false when it was not registered.</summary>
    public bool TryGetManifest(Type type, out string manifest) => _manifests.TryGetValue(type, out manifest!);

    /// <summary>The type registered under <paramref name="manifest"/>, or false when none was.</summary>
    public bool TryGetType(string manifest, out Type type) => _types.TryGetValue(manifest, out type!);
}
