namespace ActorBroker.Broker.Routing;

/// <summary>
/// A reusable, de-duplicating set of destinations filled while routing one message. Small lists are scanned
/// linearly: a message rarely reaches more than a few destinations, and this allocates nothing per publish.
/// </summary>
internal sealed class RouteResult
{
    private readonly List<Destination> _queues = [];
    private readonly List<Destination> _pendingExchanges = [];
    private readonly HashSet<string> _visitedExchanges = new(StringComparer.Ordinal);

    public IReadOnlyList<Destination> Queues => _queues;

    /// <summary>The schema of the exchange the message was published to, or null (exchanges it reached through bindings do not count).</summary>
    public string? ExchangeSchema { get; set; }

    /// <summary>Whether the exchange published to is an <c>x-delayed-message</c> exchange (its queues are then where the message goes once due).</summary>
    public bool Delayed { get; set; }

    /// <summary>Whether the exchange published to is an <c>x-message-deduplication</c> exchange (its actor routes a message with an id).</summary>
    public bool Deduplicating { get; set; }

    public void Clear()
    {
        ExchangeSchema = null;
        Delayed = false;
        Deduplicating = false;
        _queues.Clear();
        _pendingExchanges.Clear();
        _visitedExchanges.Clear();
    }

    public void Add(Destination destination)
    {
        if (destination.Kind == DestinationKind.Queue)
        {
            if (!_queues.Contains(destination))
            {
                _queues.Add(destination);
            }
        }
        else if (!_visitedExchanges.Contains(destination.Name) && !_pendingExchanges.Contains(destination))
        {
            _pendingExchanges.Add(destination);
        }
    }

    public void AddRange(List<Destination> destinations)
    {
        for (var i = 0; i < destinations.Count; i++)
        {
            Add(destinations[i]);
        }
    }

    /// <summary>Marks an exchange as routed through; false if it was already, which breaks binding cycles.</summary>
    public bool Visit(string exchange) => _visitedExchanges.Add(exchange);

    public bool TryTakePendingExchange(out string exchange)
    {
        var last = _pendingExchanges.Count - 1;
        if (last < 0)
        {
            exchange = string.Empty;
            return false;
        }

        exchange = _pendingExchanges[last].Name;
        _pendingExchanges.RemoveAt(last);
        return true;
    }
}
