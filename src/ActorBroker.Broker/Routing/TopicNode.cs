namespace ActorBroker.Broker.Routing;

internal sealed class TopicNode
{
    private Dictionary<string, TopicNode>? _children;
    private Dictionary<string, TopicNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TopicNode? Star { get; private set; }

    public TopicNode? Hash { get; private set; }

    public List<Destination> Destinations { get; } = [];

    public TopicNode GetOrAddChild(string word)
    {
        switch (word)
        {
            case "*":
                return Star ??= new TopicNode();
            case "#":
                return Hash ??= new TopicNode();
        }

        if (_children is null)
        {
            _children = new Dictionary<string, TopicNode>(StringComparer.Ordinal);
            _lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (!_children.TryGetValue(word, out var child))
        {
            child = new TopicNode();
            _children.Add(word, child);
        }

        return child;
    }

    public bool TryGetChild(ReadOnlySpan<char> word, out TopicNode child)
    {
        if (_children is null)
        {
            child = null!;
            return false;
        }

        return _lookup.TryGetValue(word, out child!);
    }
}
