using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// The exchanges, queues and bindings of one virtual host as an immutable snapshot. Every change returns a
/// new table (copy-on-write): declarations are owned by one actor, while publishes on any thread read the
/// current snapshot without locks. That trade keeps the publish path free of contention. Queues live in a
/// <see cref="QueueMap"/>, so declaring or deleting one does not copy all the others.
/// </summary>
internal sealed partial class RoutingTable
{
    /// <summary>The exchanges every virtual host starts with.</summary>
    public static readonly IReadOnlyList<(string Name, ExchangeType Type)> Predeclared =
    [
        ("amq.direct", ExchangeType.Direct),
        ("amq.fanout", ExchangeType.Fanout),
        ("amq.topic", ExchangeType.Topic),
        ("amq.headers", ExchangeType.Headers),
        ("amq.match", ExchangeType.Headers),
    ];

    private readonly Dictionary<string, ExchangeEntry> _exchanges;
    private readonly QueueMap _queues;

    private RoutingTable(Dictionary<string, ExchangeEntry> exchanges, QueueMap queues)
    {
        _exchanges = exchanges;
        _queues = queues;
    }

    /// <summary>A table holding only the default and the predeclared <c>amq.*</c> exchanges.</summary>
    public static RoutingTable CreateDefault()
    {
        var exchanges = new Dictionary<string, ExchangeEntry>(StringComparer.Ordinal);
        foreach (var (name, type) in Predeclared)
        {
            var settings = new ExchangeSettings(type);
            exchanges.Add(name, new ExchangeEntry(name, settings, ExchangeRouter.Create(type)));
        }

        return new RoutingTable(exchanges, QueueMap.Empty);
    }

    public static bool IsDefaultExchange(string name) => name.Length == 0;

    /// <summary>One of the <see cref="Predeclared"/> <c>amq.*</c> exchanges every table starts with.</summary>
    public static bool IsPredeclared(string name) => Predeclared.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public bool TryGetQueue(string name, out IQueueEndpoint queue) => _queues.TryGetValue(name, out queue!);

    public bool TryGetExchange(string name, out ExchangeEntry exchange) => _exchanges.TryGetValue(name, out exchange!);

    /// <summary>
    /// Fills <paramref name="result"/> with the queues the message reaches from <paramref name="exchange"/>,
    /// following exchange-to-exchange bindings once each (cycles end there).
    /// </summary>
    /// <exception cref="BrokerException">The exchange does not exist, or is internal.</exception>
    public void Route(string exchange, Message message, RouteResult result)
    {
        result.Clear();
        if (IsDefaultExchange(exchange))
        {
            if (_queues.ContainsKey(message.RoutingKey))
            {
                result.Add(Destination.Queue(message.RoutingKey));
            }

            return;
        }

        if (!_exchanges.TryGetValue(exchange, out var entry))
        {
            throw BrokerException.NotFound($"No exchange '{exchange}' in this virtual host.");
        }

        if (entry.Settings.Internal)
        {
            throw BrokerException.AccessRefused($"Cannot publish to internal exchange '{exchange}'.");
        }

        result.ExchangeSchema = entry.Schema;
        result.Delayed = entry.Settings.Type == ExchangeType.DelayedMessage;
        result.Deduplicating = entry.Settings.Type == ExchangeType.MessageDeduplication;
        result.Visit(exchange);
        entry.Router.Route(message, result);
        while (result.TryTakePendingExchange(out var next))
        {
            if (result.Visit(next) && _exchanges.TryGetValue(next, out var nested))
            {
                nested.Router.Route(message, result);
            }
        }
    }

    /// <summary>All bindings whose source or destination is the given queue or exchange (for management and tests).</summary>
    public IReadOnlyList<Binding> BindingsOf(Destination destination)
    {
        var found = new List<Binding>();
        foreach (var exchange in _exchanges.Values)
        {
            foreach (var binding in exchange.Router.Bindings)
            {
                if (binding.Destination == destination
                    || (destination.Kind == DestinationKind.Exchange && string.Equals(binding.Source, destination.Name, StringComparison.Ordinal)))
                {
                    found.Add(binding);
                }
            }
        }

        return found;
    }
}
