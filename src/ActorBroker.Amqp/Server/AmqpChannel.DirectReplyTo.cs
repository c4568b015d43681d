using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Client;
using BrokerProperties = ActorBroker.Broker.Messages.BasicProperties;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// RabbitMQ's direct reply-to: a channel consumes the pseudo-queue <c>amq.rabbitmq.reply-to</c> (with no-ack)
/// and publishes requests with that reply-to, which is rewritten on the way in to the channel's address
/// <c>amq.rabbitmq.reply-to.&lt;token&gt;</c>; responders publish to the default exchange with that address and the
/// broker hands the reply straight to the requesting channel (<see cref="BrokerChannel.ConsumeDirectReplies"/>).
/// No queue is declared per requester.
/// </summary>
internal sealed partial class AmqpChannel
{
    public const string DirectReplyTo = BrokerChannel.DirectReplyToQueue;

    private void ConsumeDirectReplies(BasicConsume consume, string tag, AmqpConsumer consumer)
    {
        if (!consume.NoAck)
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "reply consumer cannot acknowledge");
        }

        _broker.ConsumeDirectReplies(
            delivery =>
            {
                RecordTag(ref _highestDeliveryTag, delivery.DeliveryTag);
                consumer.Deliver(delivery);
            },
            tag);
    }

    private BrokerProperties WithDirectReplyTo(BrokerProperties properties) =>
        properties.ReplyTo != DirectReplyTo
            ? properties
            : properties with
            {
                ReplyTo = _broker.DirectReplyAddress ?? throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "fast reply consumer does not exist"),
            };
}
