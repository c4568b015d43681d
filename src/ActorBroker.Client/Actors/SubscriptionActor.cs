using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Client.Actors;

/// <summary>
/// The parent of a consumer actor, in the client's system: it hands the consumer its deliveries (forwarded, so the
/// consumer's answer goes straight to the gateway) and supervises it. A consumer that throws on a delivery is
/// restarted, and the gateway that sent the delivery is told, which retries it with backoff and finally
/// dead-letters it. When the consumer stops, so does this actor, and the gateway, which watches it, returns the
/// unacked deliveries. When the broker ends the subscription (its queue deleted), the consumer is told
/// (<see cref="SubscriptionCancelled"/>) and stops.
/// </summary>
internal sealed class SubscriptionActor : ReceiveActor
{
    private readonly IActorRef _consumer;

    public SubscriptionActor(Props consumer)
    {
        _consumer = Context.ActorOf(consumer, "consumer");
        Context.Watch(_consumer);
        Receive<BrokerDelivery>(delivery => _consumer.Forward(delivery));
        Receive<SubscriptionCancelled>(Cancelled);
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    /// <summary>The broker ended the subscription: the consumer gets the notice as its last message, then stops, and so does this actor.</summary>
    private void Cancelled(SubscriptionCancelled cancelled)
    {
        Context.Parent.Tell(cancelled);
        _consumer.Forward(cancelled);
        _consumer.Tell(PoisonPill.Instance);
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new DeliveryFailureSupervision<BrokerDelivery>((delivery, cause) => new ConsumerFailed(delivery.DeliveryTag, cause.GetType().FullName ?? cause.GetType().Name, cause.Message));
}
