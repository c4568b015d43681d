using ActorBroker.Broker.Delayed;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>Each <c>x-delayed-message</c> exchange has an actor, a child of the host's, that holds its delayed messages.</summary>
internal sealed partial class VirtualHostActor
{
    private long _delayedExchangesStarted;

    private void StartDelayedExchange(string name, ExchangeSettings settings)
    {
        if (settings.Type != ExchangeType.DelayedMessage || _host.DelayedExchanges.ContainsKey(name))
        {
            return;
        }

        var actor = Context.ActorOf(
            Props.Create(() => new DelayedExchangeActor(_host, name, _options, settings.Durable)),
            $"delayed-{++_delayedExchangesStarted}");
        _host.DelayedExchanges[name] = actor;
    }

    /// <summary>The exchange is gone: its held messages are dropped (and the drop journaled), as RabbitMQ's plugin drops them.</summary>
    private void DiscardDelayedExchange(string name)
    {
        if (_host.DelayedExchanges.TryRemove(name, out var actor))
        {
            actor.Tell(DelayedProtocol.Discard.Instance);
        }
    }
}
