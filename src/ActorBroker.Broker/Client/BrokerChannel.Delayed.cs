using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Delayed;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>
    /// Hands a message published to an <c>x-delayed-message</c> exchange with a positive <c>x-delay</c> to the
    /// exchange's actor, which routes it when due; <paramref name="confirm"/> settles once it is held. False when the
    /// message routes now. The mandatory flag is not honoured for a held message, as in RabbitMQ's plugin.
    /// </summary>
    private bool HeldForLater(RouteResult route, Message message, PublishConfirm? confirm)
    {
        if (!route.Delayed || DelayedMessages.DelayOf(message) is not { } delay
            || !Host.DelayedExchanges.TryGetValue(message.Exchange, out var exchange))
        {
            return false;
        }

        exchange.Tell(new DelayedProtocol.Hold(message, Host.Clock.GetUtcNow() + delay, confirm), Akka.Actor.ActorRefs.NoSender);
        return true;
    }
}
