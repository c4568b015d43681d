using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>Each <c>x-message-deduplication</c> exchange has an actor, a child of the host's, that keeps its window.</summary>
internal sealed partial class VirtualHostActor
{
    private long _deduplicatingExchangesStarted;

    private void StartDeduplicatingExchange(string name, ExchangeSettings settings)
    {
        if (settings.Type != ExchangeType.MessageDeduplication || _host.DeduplicatingExchanges.ContainsKey(name))
        {
            return;
        }

        var deduplication = DeduplicationSettings.ForExchange(settings.Arguments);
        var actor = Context.ActorOf(
            Props.Create(() => new DeduplicatingExchangeActor(_host, name, _options, deduplication, settings.Durable)),
            $"deduplication-{++_deduplicatingExchangesStarted}");
        _host.DeduplicatingExchanges[name] = actor;
    }

    /// <summary>The exchange is gone: its window is forgotten (and that journaled).</summary>
    private void DiscardDeduplicatingExchange(string name)
    {
        if (_host.DeduplicatingExchanges.TryRemove(name, out var actor))
        {
            actor.Tell(DeduplicationProtocol.Discard.Instance);
        }
    }
}
