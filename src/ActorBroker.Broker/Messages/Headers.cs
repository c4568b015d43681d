using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Broker.Messages;

/// <summary>
/// A typed field table: message headers and declaration arguments. Names are case-sensitive and keep
/// their insertion order. Build it with a collection initializer; once handed to the broker, treat it as
/// read-only (the broker copies a table before changing it, e.g. when it adds <c>x-death</c>).
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "'Headers' is the name every messaging user knows; 'HeadersDictionary' would only obscure it.")]
public sealed class Headers : IReadOnlyDictionary<string, FieldValue>
{
    private readonly List<KeyValuePair<string, FieldValue>> _fields;

    public Headers() => _fields = [];

    public Headers(IEnumerable<KeyValuePair<string, FieldValue>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [];
        foreach (var field in fields)
        {
            this[field.Key] = field.Value;
        }
    }

    /// <summary>An empty table that is shared; never add to it.</summary>
    public static Headers Empty { get; } = new();

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Select(f => f.Key);

    public IEnumerable<FieldValue> Values => _fields.Select(f => f.Value);

    /// <summary>Gets a field (throws <see cref="KeyNotFoundException"/> when absent) or sets/replaces one.</summary>
    public FieldValue this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Header '{key}' is not present.");
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var index = IndexOf(key);
            if (index >= 0)
            {
                _fields[index] = new(key, value);
            }
            else
            {
                _fields.Add(new(key, value));
            }
        }
    }

    public void Add(string key, FieldValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (IndexOf(key) >= 0)
        {
            throw new ArgumentException($"Header '{key}' is already present.", nameof(key));
        }

        _fields.Add(new(key, value));
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out FieldValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _fields[index].Value : default;
        return index >= 0;
    }

    /// <summary>A copy of this table, for changing without touching the original.</summary>
    public Headers Clone() => new(_fields);

    public IEnumerator<KeyValuePair<string, FieldValue>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same fields with equal values, in any order.</summary>
    public bool ContentEquals(Headers? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var field in _fields)
        {
            if (!other.TryGetValue(field.Key, out var value) || value != field.Value)
            {
                return false;
            }
        }

        return true;
    }

    // Tables are small (a handful of fields), so a linear scan beats hashing and allocates nothing.
    private int IndexOf(string key)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
