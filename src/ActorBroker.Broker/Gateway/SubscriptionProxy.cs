using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Transactions;
using ActorBroker.Client;
using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Gateway;

/// <summary>
/// The broker side of an Akka client's consumer actor: a consumer actor of its channel (one channel per
/// subscription) that sends each delivery on to the client's subscriber and settles the client's answers. It
/// watches the subscriber: when it or its whole ActorSystem is gone, the channel closes and its unacked deliveries
/// go back to the queue, to other consumers, flagged redelivered. A delivery the client's consumer threw on goes to
/// the channel as a failed delivery: retried with backoff, then dead-lettered (reason crash) with the exception's type
/// and message.
/// </summary>
internal sealed class SubscriptionProxy : ReceiveActor
{
    private readonly IActorRef _subscriber;
    private readonly BrokerChannel _channel;
    private readonly bool _autoAck;
    private readonly Dictionary<ulong, Delivery> _unacked = [];

    public SubscriptionProxy(IActorRef subscriber, BrokerChannel channel, bool autoAck)
    {
        _subscriber = subscriber;
        _channel = channel;
        _autoAck = autoAck;
        Receive<Delivery>(OnDelivery);
        Receive<DeliverySettlement>(Settle);
        ReceiveAsync<AckWithOutputs>(CommitAsync);
        Receive<ConsumerFailed>(OnConsumerFailed);
        Receive<Terminated>(_ => CloseChannel());
    }

    protected override void PreStart() => Context.Watch(_subscriber);

    private void OnDelivery(Delivery delivery)
    {
        if (!_channel.IsOpen)
        {
            return;
        }

        if (!_autoAck)
        {
            _unacked[delivery.DeliveryTag] = delivery;
        }

        _subscriber.Tell(delivery.ToClient(), Self);
    }

    private void Settle(DeliverySettlement settlement)
    {
        // An answer to a delivery that is settled already (answered twice, or after a retry) would close the channel
        // as an unknown tag, as AMQP does; the client's consumer gets no second chance to get that wrong.
        if (!_unacked.Remove(settlement.DeliveryTag, out var delivery))
        {
            Context.GetLogger().Debug("Ignored {0} of delivery {1}: not outstanding", settlement.Kind, settlement.DeliveryTag);
            return;
        }

        switch (settlement.Kind)
        {
            case SettlementKind.Ack:
                delivery.Ack();
                break;
            case SettlementKind.Requeue:
                delivery.Nack(requeue: true);
                break;
            default:
                delivery.Reject(requeue: false);
                break;
        }
    }

    // Awaited in the actor's turn: the subscription's next answers wait for the commit, as a transactional AMQP channel's do.
    private async Task CommitAsync(AckWithOutputs commit)
    {
        var replyTo = Sender;
        if (!_unacked.Remove(commit.DeliveryTag, out var delivery))
        {
            replyTo.Tell(new TransactionFailed(commit.DeliveryTag, (int)BrokerErrorCode.PreconditionFailed, $"Delivery {commit.DeliveryTag} is not outstanding."));
            return;
        }

        var outputs = commit.Outputs.Select(o => new TransactionPublish(o.Exchange, o.RoutingKey, o.Body, (o.Properties ?? MessageProperties.Empty).ToBroker(), o.Mandatory)).ToList();
        var ack = new TransactionSettlement(Ack: true, delivery.DeliveryTag, Multiple: false, Requeue: false);
        try
        {
            if (await _channel.CommitAtomicallyAsync(outputs, [ack]).ConfigureAwait(true))
            {
                replyTo.Tell(new TransactionCommitted(commit.DeliveryTag));
                return;
            }

            delivery.Nack(requeue: true);
            replyTo.Tell(new TransactionFailed(commit.DeliveryTag, (int)BrokerErrorCode.NotImplemented,
                "An output goes to an exchange that cannot take part in a transaction (delayed, deduplicating or direct reply-to); nothing was done and the delivery is back in its queue."));
        }
        catch (Exception error) when (error is BrokerException or TimeoutException)
        {
            // A refused commit returned the delivery to its queue; one with no answer in time leaves it unacked until the channel closes.
            var failure = ClientMessages.ToFailure(error);
            replyTo.Tell(new TransactionFailed(commit.DeliveryTag, failure.Code, failure.Message));
        }
    }

    // Not awaited: the channel stops this actor, its child, on the way.
    private void CloseChannel() => _ = _channel.CloseAsync();

    private void OnConsumerFailed(ConsumerFailed failed)
    {
        if (_unacked.Remove(failed.DeliveryTag, out var delivery))
        {
            Context.Parent.Tell(new ChannelProtocol.ConsumerFailed(delivery, new ConsumerFailure(failed.ExceptionType, failed.ExceptionMessage)), ActorRefs.NoSender);
        }
    }

}
