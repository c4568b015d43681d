using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueActor
{
    // Redrive takes messages as if by an internal channel, then acks those it moved and requeues the rest,
    // so a message whose source queue no longer exists stays where it is.
    private const long RedriveChannel = -1;

    private int Redrive(string? target, int max)
    {
        var taken = new List<MessageDelivered>();
        for (var n = Math.Min(max, _state.ReadyCount); n > 0 && _state.Get(RedriveChannel, autoAck: false) is { } delivered; n--)
        {
            taken.Add(delivered);
        }

        var moved = 0;
        var routing = runtime.VirtualHost.Routing;
        foreach (var delivered in taken)
        {
            var death = DeathHistory.Latest(delivered.Message);
            var destination = target ?? death?.Queue;
            if (destination is not null && routing.TryGetQueue(destination, out var queue))
            {
                var restored = death is null ? delivered.Message : delivered.Message.With(exchange: death.Exchange, routingKey: death.RoutingKey);
                ((QueueEndpoint)queue).Actor.Tell(restored, Akka.Actor.ActorRefs.NoSender);
                _state.Ack(RedriveChannel, delivered.DeliveryTag, multiple: false);
                moved++;
            }
            else
            {
                _state.Nack(RedriveChannel, delivered.DeliveryTag, multiple: false, requeue: true);
            }
        }

        Drain();
        return moved;
    }
}
