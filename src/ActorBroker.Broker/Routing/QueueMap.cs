using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// The queues of a routing snapshot by name: an immutable map whose changes cost O(√n) rather than a copy of
/// every queue. A change copies only a small dictionary of recent changes over a settled one shared between
/// snapshots; when the recent changes outgrow √n they are folded into a new settled copy, so n declarations
/// cost O(n√n) in all instead of O(n²). A lookup stays a hash lookup: one when nothing changed since the
/// last fold, at most two otherwise. A persistent tree (ImmutableDictionary) would make changes O(log n) but
/// every publish would walk a tree; the publish path is the one to keep fast.
/// </summary>
internal sealed class QueueMap
{
    public static readonly QueueMap Empty = new(NewSettled(), NewRecent(), 0);

    /// <summary>Fewest recent changes allowed before a fold, so small tables do not copy on every change.</summary>
    private const int MinRecent = 32;

    private readonly Dictionary<string, IQueueEndpoint> _settled;

    // A null value marks a queue removed since the settled map was built.
    private readonly Dictionary<string, IQueueEndpoint?> _recent;

    private QueueMap(Dictionary<string, IQueueEndpoint> settled, Dictionary<string, IQueueEndpoint?> recent, int count)
    {
        _settled = settled;
        _recent = recent;
        Count = count;
    }

    public int Count { get; }

    public IEnumerable<IQueueEndpoint> Values =>
        _settled.Values.Where(q => !_recent.ContainsKey(q.Name)).Concat(_recent.Values.OfType<IQueueEndpoint>());

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out IQueueEndpoint queue)
    {
        if (_recent.Count > 0 && _recent.TryGetValue(name, out var recent))
        {
            queue = recent;
            return recent is not null;
        }

        return _settled.TryGetValue(name, out queue);
    }

    public bool ContainsKey(string name) => TryGetValue(name, out _);

    /// <summary>Adds or replaces the queue under its name.</summary>
    public QueueMap SetItem(IQueueEndpoint queue) =>
        With(queue.Name, queue, ContainsKey(queue.Name) ? Count : Count + 1);

    /// <summary>Adds or replaces many queues with a single copy (recovery restores a virtual host at once).</summary>
    public QueueMap SetItems(IEnumerable<IQueueEndpoint> queues)
    {
        var settled = Folded();
        foreach (var queue in queues)
        {
            settled[queue.Name] = queue;
        }

        return new QueueMap(settled, NewRecent(), settled.Count);
    }

    public QueueMap Remove(string name) => ContainsKey(name) ? With(name, null, Count - 1) : this;

    private QueueMap With(string name, IQueueEndpoint? queue, int count)
    {
        if (_recent.Count >= Math.Max(MinRecent, (int)Math.Sqrt(count)))
        {
            var settled = Folded();
            Apply(settled, name, queue);
            return new QueueMap(settled, NewRecent(), count);
        }

        var recent = new Dictionary<string, IQueueEndpoint?>(_recent, StringComparer.Ordinal);
        if (queue is null && !_settled.ContainsKey(name))
        {
            // Added and removed since the last fold: nothing in the settled map to hide.
            recent.Remove(name);
        }
        else
        {
            recent[name] = queue;
        }

        return new QueueMap(_settled, recent, count);
    }

    /// <summary>A new settled dictionary with the recent changes applied.</summary>
    private Dictionary<string, IQueueEndpoint> Folded()
    {
        var settled = new Dictionary<string, IQueueEndpoint>(_settled, StringComparer.Ordinal);
        foreach (var (name, queue) in _recent)
        {
            Apply(settled, name, queue);
        }

        return settled;
    }

    private static void Apply(Dictionary<string, IQueueEndpoint> settled, string name, IQueueEndpoint? queue)
    {
        if (queue is null)
        {
            settled.Remove(name);
        }
        else
        {
            settled[name] = queue;
        }
    }

    private static Dictionary<string, IQueueEndpoint> NewSettled() => new(StringComparer.Ordinal);

    private static Dictionary<string, IQueueEndpoint?> NewRecent() => new(StringComparer.Ordinal);
}
