using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Queues;
using BrokerProperties = ActorBroker.Broker.Messages.BasicProperties;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// RabbitMQ's direct reply-to: a channel consumes the pseudo-queue <c>amq.rabbitmq.reply-to</c> (with no-ack)
/// and publishes requests with that reply-to; responders publish to the default exchange with the reply-to
/// they were given. Here the pseudo-queue is a server-named, exclusive, auto-delete queue per channel, and
/// reply-to is rewritten to its name on the way in, so replies route to it like to any queue.
/// </summary>
internal sealed partial class AmqpChannel
{
    public const string DirectReplyTo = "amq.rabbitmq.reply-to";

    private string? _replyQueue;

    private async Task<string> ReplyQueueAsync(BasicConsume consume)
    {
        if (!consume.NoAck)
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "reply consumer cannot acknowledge: consume amq.rabbitmq.reply-to with no-ack");
        }

        if (_replyQueue is not null)
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "this channel already consumes amq.rabbitmq.reply-to");
        }

        var declared = await _broker.DeclareQueueAsync(string.Empty, new QueueDeclaration(Durable: false, Exclusive: true, AutoDelete: true)).ConfigureAwait(false);
        _replyQueue = declared.QueueName;
        return _replyQueue;
    }

    private BrokerProperties WithDirectReplyTo(BrokerProperties properties) =>
        properties.ReplyTo != DirectReplyTo
            ? properties
            : properties with
            {
                ReplyTo = _replyQueue ?? throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "fast reply consumer does not exist: consume amq.rabbitmq.reply-to on this channel first"),
            };
}
