using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Client;

/// <summary>
/// A message handed to a consumer (or returned by a get). Settle it through its channel with the
/// <see cref="DeliveryTag"/>, or with the shortcuts here, unless it was delivered with automatic acknowledgement.
/// </summary>
public sealed class Delivery
{
    internal Delivery(BrokerChannel channel, string? consumerTag, ulong deliveryTag, int deliveryCount, string queue, Message message)
    {
        Channel = channel;
        ConsumerTag = consumerTag;
        DeliveryTag = deliveryTag;
        DeliveryCount = deliveryCount;
        Queue = queue;
        Message = message;
    }

    public BrokerChannel Channel { get; }

    /// <summary>The consumer it was delivered to; null for a get.</summary>
    public string? ConsumerTag { get; }

    /// <summary>Identifies the delivery on its channel, for ack, nack and reject.</summary>
    public ulong DeliveryTag { get; }

    /// <summary>How often the message has been delivered, this time included.</summary>
    public int DeliveryCount { get; }

    /// <summary>True when the message was delivered before and not acknowledged.</summary>
    public bool Redelivered => DeliveryCount > 1;

    public string Queue { get; }

    public Message Message { get; }

    public string Exchange => Message.Exchange;

    public string RoutingKey => Message.RoutingKey;

    public BasicProperties Properties => Message.Properties;

    public ReadOnlyMemory<byte> Body => Message.Body;

    public void Ack() => Channel.Ack(DeliveryTag);

    public void Nack(bool requeue = true, TimeSpan? delay = null) => Channel.Nack(DeliveryTag, multiple: false, requeue, delay);

    public void Reject(bool requeue = false) => Channel.Reject(DeliveryTag, requeue);
}
