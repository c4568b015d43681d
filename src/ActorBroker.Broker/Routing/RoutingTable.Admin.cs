namespace ActorBroker.Broker.Routing;

internal sealed partial class RoutingTable
{
    /// <summary>The declared exchanges, the predeclared <c>amq.*</c> ones included (not the default exchange).</summary>
    public IEnumerable<ExchangeEntry> Exchanges => _exchanges.Values;

    public IEnumerable<IQueueEndpoint> Queues => _queues.Values;

    public int QueueCount => _queues.Count;

    /// <summary>Every explicit binding, grouped by source exchange.</summary>
    public IEnumerable<Binding> Bindings => _exchanges.Values.SelectMany(e => e.Router.Bindings);
}
