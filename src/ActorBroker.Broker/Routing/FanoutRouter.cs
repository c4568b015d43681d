using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

internal sealed class FanoutRouter : ExchangeRouter
{
    private readonly List<Destination> _destinations = [];

    public override void Route(Message message, RouteResult result) => result.AddRange(_destinations);

    protected override void OnAdded(Binding binding)
    {
        if (!_destinations.Contains(binding.Destination))
        {
            _destinations.Add(binding.Destination);
        }
    }

    protected override void OnRemoved(Binding binding)
    {
        foreach (var other in Bindings)
        {
            if (other.Destination == binding.Destination)
            {
                return;
            }
        }

        _destinations.Remove(binding.Destination);
    }
}
