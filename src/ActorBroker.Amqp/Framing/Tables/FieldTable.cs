using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// An AMQP field table: names mapped to typed values, kept in insertion order (the wire order).
/// Names are unique; a table read from the wire with a repeated name is a syntax error.
/// </summary>
public sealed class FieldTable : IEnumerable<KeyValuePair<string, FieldValue>>
{
    private readonly OrderedDictionary<string, FieldValue> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Gets a value, or sets one in place (a new name goes to the end).</summary>
    /// <exception cref="KeyNotFoundException">Getting a name the table does not have.</exception>
    public FieldValue this[string name]
    {
        get => _entries[name];
        set => _entries[name] = value;
    }

    /// <exception cref="ArgumentException">The name is already present.</exception>
    public void Add(string name, FieldValue value) => _entries.Add(name, value);

    public bool TryAdd(string name, FieldValue value) => _entries.TryAdd(name, value);

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out FieldValue value) => _entries.TryGetValue(name, out value);

    public bool ContainsKey(string name) => _entries.ContainsKey(name);

    public bool Remove(string name) => _entries.Remove(name);

    /// <summary>Same names with equal values in the same order.</summary>
    public bool ContentEquals(FieldTable? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            var (name, value) = _entries.GetAt(i);
            var (otherName, otherValue) = other._entries.GetAt(i);
            if (!string.Equals(name, otherName, StringComparison.Ordinal) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<KeyValuePair<string, FieldValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
