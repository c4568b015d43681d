using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Amqp.Server;

internal sealed partial class AmqpChannel
{
    // AMQP lets queue.bind, basic.consume, … name "" for the queue this channel declared last.
    private string? _lastQueue;

    private async Task DeclareExchangeAsync(ExchangeDeclare declare)
    {
        if (declare.Passive)
        {
            await _broker.DeclareExchangePassiveAsync(declare.Exchange).ConfigureAwait(false);
        }
        else
        {
            var settings = new ExchangeSettings(ParseExchangeType(declare.Type), declare.Durable, declare.AutoDelete, declare.Internal, MessageConversion.ToBroker(declare.Arguments));
            await _broker.DeclareExchangeAsync(RequireExchangeName(declare.Exchange), settings).ConfigureAwait(false);
        }

        ReplyUnless(declare.Nowait, default(ExchangeDeclareOk));
    }

    private async Task DeleteExchangeAsync(ExchangeDelete delete)
    {
        await _broker.DeleteExchangeAsync(RequireExchangeName(delete.Exchange), delete.IfUnused).ConfigureAwait(false);
        ReplyUnless(delete.Nowait, default(ExchangeDeleteOk));
    }

    private async Task BindExchangeAsync(ExchangeBind bind)
    {
        await _broker.BindExchangeAsync(bind.Destination, bind.Source, bind.RoutingKey, MessageConversion.ToBroker(bind.Arguments)).ConfigureAwait(false);
        ReplyUnless(bind.Nowait, default(ExchangeBindOk));
    }

    private async Task UnbindExchangeAsync(ExchangeUnbind unbind)
    {
        await _broker.UnbindExchangeAsync(unbind.Destination, unbind.Source, unbind.RoutingKey, MessageConversion.ToBroker(unbind.Arguments)).ConfigureAwait(false);
        ReplyUnless(unbind.Nowait, default(ExchangeUnbindOk));
    }

    private async Task DeclareQueueAsync(QueueDeclare declare)
    {
        Broker.Client.QueueDeclareResult result;
        if (declare.Passive)
        {
            result = await _broker.DeclareQueuePassiveAsync(QueueName(declare.Queue)).ConfigureAwait(false);
        }
        else
        {
            var arguments = MessageConversion.ToBroker(declare.Arguments);
            var declaration = new QueueDeclaration(declare.Durable, declare.Exclusive, declare.AutoDelete, arguments);
            result = await _broker.DeclareQueueAsync(declare.Queue, declaration).ConfigureAwait(false);
        }

        _lastQueue = result.QueueName;
        ReplyUnless(declare.Nowait, new QueueDeclareOk
        {
            Queue = result.QueueName,
            MessageCount = (uint)result.MessageCount,
            ConsumerCount = (uint)result.ConsumerCount,
        });
    }

    private async Task BindQueueAsync(QueueBind bind)
    {
        await _broker.BindQueueAsync(QueueName(bind.Queue), bind.Exchange, bind.RoutingKey, MessageConversion.ToBroker(bind.Arguments)).ConfigureAwait(false);
        ReplyUnless(bind.Nowait, default(QueueBindOk));
    }

    private async Task UnbindQueueAsync(QueueUnbind unbind)
    {
        await _broker.UnbindQueueAsync(QueueName(unbind.Queue), unbind.Exchange, unbind.RoutingKey, MessageConversion.ToBroker(unbind.Arguments)).ConfigureAwait(false);
        _outbound.PostMethod(Number, default(QueueUnbindOk));
    }

    private async Task PurgeQueueAsync(QueuePurge purge)
    {
        var purged = await _broker.PurgeQueueAsync(QueueName(purge.Queue)).ConfigureAwait(false);
        ReplyUnless(purge.Nowait, new QueuePurgeOk { MessageCount = (uint)purged });
    }

    private async Task DeleteQueueAsync(QueueDelete delete)
    {
        var deleted = await _broker.DeleteQueueAsync(QueueName(delete.Queue), delete.IfUnused, delete.IfEmpty).ConfigureAwait(false);
        ReplyUnless(delete.Nowait, new QueueDeleteOk { MessageCount = (uint)deleted });
    }

    private void ReplyUnless<TMethod>(bool nowait, in TMethod reply)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        if (!nowait)
        {
            _outbound.PostMethod(Number, reply);
        }
    }

    private string QueueName(string name) =>
        name.Length > 0 ? name : _lastQueue ?? throw new AmqpProtocolException(ReplyCode.NotFound, "no queue name given and no queue declared on this channel yet");

    private static string RequireExchangeName(string name) =>
        name.Length > 0 ? name : throw new AmqpProtocolException(ReplyCode.AccessRefused, "operation not permitted on the default exchange");

    private static ExchangeType ParseExchangeType(string type) => type switch
    {
        "direct" => ExchangeType.Direct,
        "fanout" => ExchangeType.Fanout,
        "topic" => ExchangeType.Topic,
        "headers" => ExchangeType.Headers,
        _ => throw new AmqpProtocolException(ReplyCode.CommandInvalid, $"unknown exchange type '{type}' (direct, fanout, topic and headers are supported)"),
    };

}
