using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Client.Actors;

/// <summary>
/// The parent of a consumer actor, in the client's system: it hands the consumer its deliveries (forwarded, so the
/// consumer's answer goes straight to the gateway) and supervises it. A consumer that throws on a delivery is
/// restarted, and the gateway is told, which retries the delivery with backoff and finally dead-letters it. When
/// the consumer stops, so does this actor, and the gateway, which watches it, returns the unacked deliveries.
/// </summary>
internal sealed class SubscriptionActor : ReceiveActor
{
    private readonly IActorRef _consumer;

    // The gateway side of the subscription, learnt from the deliveries: it changes when the client fails over.
    private IActorRef _gateway = ActorRefs.Nobody;

    public SubscriptionActor(Props consumer)
    {
        _consumer = Context.ActorOf(consumer, "consumer");
        Context.Watch(_consumer);
        Receive<BrokerDelivery>(delivery =>
        {
            _gateway = Sender;
            _consumer.Forward(delivery);
        });
        Receive<ConsumerFailed>(failed => _gateway.Tell(failed, Self));
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new DeliveryFailureSupervision();
}
