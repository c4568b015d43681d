using ActorBroker.Client.Actors;
using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Client;

public sealed partial class BrokerClient
{
    /// <summary>
    /// Subscribes a consumer actor, created from <paramref name="consumer"/> in this system, to a queue. It receives each
    /// <see cref="BrokerDelivery"/> as a message and, with manual acknowledgement, answers the sender with the delivery's
    /// <see cref="BrokerDelivery.Ack"/>, <see cref="BrokerDelivery.Nack"/> or <see cref="BrokerDelivery.Reject"/>. When it
    /// throws on a delivery it is restarted and the delivery retried with backoff, then dead-lettered (reason
    /// <c>crash</c>, with the exception's type and message in <c>x-exception-type</c> and <c>x-exception-message</c>). When it stops, or this system is lost, its unacknowledged deliveries go to other consumers,
    /// flagged redelivered. <paramref name="name"/> names the subscription actor (the consumer's parent).
    /// </summary>
    /// <exception cref="BrokerClientException">No such queue (404), an exclusive consumer holds it (403), …</exception>
    public async Task<Subscription> SubscribeAsync(string queue, Props consumer, SubscribeOptions? options = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentNullException.ThrowIfNull(consumer);
        return await StartSubscriptionAsync(new ClientProtocol.StartSubscription(queue, consumer, options ?? SubscribeOptions.Default, name)).ConfigureAwait(false);
    }

    private async Task<Subscription> StartSubscriptionAsync(ClientProtocol.StartSubscription start)
    {
        var subscribed = await AskAsync<ClientActor.Subscribed>(start).ConfigureAwait(false);
        return new Subscription(_actor, _settings.OperationTimeout, subscribed.ConsumerTag, subscribed.Subscriber);
    }

    /// <summary>Takes one message from a queue, or null when it has none ready. Settle it with <see cref="Settle"/> unless <paramref name="autoAck"/>.</summary>
    public async Task<BrokerDelivery?> GetAsync(string queue, bool autoAck = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        var reply = await AskAsync<GetReply>(new Get(queue, autoAck)).ConfigureAwait(false);
        return reply.Delivery;
    }

    /// <summary>Acknowledges, requeues or rejects a delivery taken by <see cref="GetAsync"/>.</summary>
    public void Settle(DeliverySettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        _actor.Tell(settlement, ActorRefs.NoSender);
    }
}
