using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// Holds back a new consumer's deliveries until its basic.consume-ok is queued: the broker may deliver
/// before it has answered the consume, and clients drop deliveries for a tag they have not been given yet.
/// </summary>
internal sealed class AmqpConsumer(ushort channel, OutboundQueue outbound)
{
    private readonly Lock _lock = new();
    private List<Delivery>? _held = [];

    public void Deliver(Delivery delivery)
    {
        lock (_lock)
        {
            if (_held is { } held)
            {
                held.Add(delivery);
                return;
            }
        }

        outbound.PostDelivery(channel, delivery);
    }

    /// <summary>Queues <paramref name="announce"/> (the consume-ok) and then the deliveries held so far.</summary>
    public void Start(Action announce)
    {
        lock (_lock)
        {
            announce();
            foreach (var delivery in _held!)
            {
                outbound.PostDelivery(channel, delivery);
            }

            _held = null;
        }
    }
}
