using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>
    /// Hands a message published to an <c>x-message-deduplication</c> exchange with an <c>x-deduplication-header</c> to
    /// the exchange's actor, which routes it unless its id is in the window; <paramref name="confirm"/> settles once it
    /// is in its queues (or, for a duplicate, once its original is). False when the message has no id: it routes now.
    /// </summary>
    private bool RoutedByDeduplication(RouteResult route, Message message, PublishConfirm? confirm)
    {
        if (!route.Deduplicating || DeduplicationKey.Of(message) is not { } key
            || !Host.DeduplicatingExchanges.TryGetValue(message.Exchange, out var exchange))
        {
            return false;
        }

        exchange.Tell(new DeduplicationProtocol.Publish(message, key, confirm), Akka.Actor.ActorRefs.NoSender);
        return true;
    }
}
