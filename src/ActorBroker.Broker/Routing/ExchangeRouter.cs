using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// The matching logic of one exchange type. A router is mutated only while the routing table builds a
/// new snapshot (see <see cref="RoutingTable"/>); once published it is read concurrently and never changed.
/// </summary>
internal abstract class ExchangeRouter
{
    private readonly List<Binding> _bindings = [];

    public IReadOnlyList<Binding> Bindings => _bindings;

    public static ExchangeRouter Create(ExchangeType type) => type switch
    {
        ExchangeType.Direct => new DirectRouter(),
        ExchangeType.Fanout => new FanoutRouter(),
        ExchangeType.Topic => new TopicRouter(),
        ExchangeType.Headers => new HeadersRouter(),
        ExchangeType.SuperStream => new SuperStreamRouter(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown exchange type."),
    };

    /// <summary>Adds the binding; false when an identical one exists (binding is idempotent).</summary>
    public bool Add(Binding binding)
    {
        if (_bindings.Contains(binding))
        {
            return false;
        }

        _bindings.Add(binding);
        OnAdded(binding);
        return true;
    }

    public bool Remove(Binding binding)
    {
        if (!_bindings.Remove(binding))
        {
            return false;
        }

        OnRemoved(binding);
        return true;
    }

    /// <summary>A copy holding the same bindings, to change without disturbing concurrent readers.</summary>
    public ExchangeRouter Clone(ExchangeType type)
    {
        var copy = Create(type);
        foreach (var binding in _bindings)
        {
            // The source's bindings are distinct already: checking each against the copy made a clone O(n²),
            // paid on every bind, unbind and bound queue's deletion.
            copy._bindings.Add(binding);
            copy.OnAdded(binding);
        }

        return copy;
    }

    /// <summary>Adds every destination matching the message to <paramref name="result"/>.</summary>
    public abstract void Route(Message message, RouteResult result);

    protected abstract void OnAdded(Binding binding);

    protected abstract void OnRemoved(Binding binding);
}
