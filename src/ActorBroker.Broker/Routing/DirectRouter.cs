using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

internal sealed class DirectRouter : ExchangeRouter
{
    private readonly Dictionary<string, List<Destination>> _byKey = new(StringComparer.Ordinal);

    public override void Route(Message message, RouteResult result)
    {
        if (_byKey.TryGetValue(message.RoutingKey, out var destinations))
        {
            result.AddRange(destinations);
        }
    }

    protected override void OnAdded(Binding binding)
    {
        if (!_byKey.TryGetValue(binding.RoutingKey, out var destinations))
        {
            destinations = [];
            _byKey.Add(binding.RoutingKey, destinations);
        }

        if (!destinations.Contains(binding.Destination))
        {
            destinations.Add(binding.Destination);
        }
    }

    protected override void OnRemoved(Binding binding) => DestinationIndex.Rebuild(_byKey, binding.RoutingKey, Bindings);
}
