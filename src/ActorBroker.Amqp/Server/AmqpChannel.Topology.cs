using ActorBroker.Amqp.Connections;
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
            var name = RequireExchangeName(declare.Exchange);
            var arguments = MessageConversion.ToBroker(declare.Arguments);
            _guard.RequireExchange(ResourceAccess.Configure, name);
            if (TextArgument(arguments, "alternate-exchange") is { } alternate)
            {
                // As RabbitMQ: messages this exchange cannot route go to the alternate, so declaring it is publishing there.
                _guard.RequireExchange(ResourceAccess.Write, alternate);
                _guard.RequireExchange(ResourceAccess.Read, name);
            }

            var settings = new ExchangeSettings(ParseExchangeType(declare.Type), declare.Durable, declare.AutoDelete, declare.Internal, arguments);
            await _broker.DeclareExchangeAsync(name, settings).ConfigureAwait(false);
        }

        ReplyUnless(declare.Nowait, default(ExchangeDeclareOk));
    }

    private async Task DeleteExchangeAsync(ExchangeDelete delete)
    {
        var name = RequireExchangeName(delete.Exchange);
        _guard.RequireExchange(ResourceAccess.Configure, name);
        await _broker.DeleteExchangeAsync(name, delete.IfUnused).ConfigureAwait(false);
        ReplyUnless(delete.Nowait, default(ExchangeDeleteOk));
    }

    private async Task BindExchangeAsync(ExchangeBind bind)
    {
        _guard.RequireExchange(ResourceAccess.Write, bind.Destination);
        _guard.RequireExchange(ResourceAccess.Read, bind.Source);
        await _broker.BindExchangeAsync(bind.Destination, bind.Source, bind.RoutingKey, MessageConversion.ToBroker(bind.Arguments)).ConfigureAwait(false);
        ReplyUnless(bind.Nowait, default(ExchangeBindOk));
    }

    private async Task UnbindExchangeAsync(ExchangeUnbind unbind)
    {
        _guard.RequireExchange(ResourceAccess.Write, unbind.Destination);
        _guard.RequireExchange(ResourceAccess.Read, unbind.Source);
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
            _guard.RequireQueue(ResourceAccess.Configure, declare.Queue);
            if (TextArgument(arguments, "x-dead-letter-exchange") is { } deadLetters)
            {
                // As RabbitMQ: the queue's dead letters are published to that exchange on the declarer's behalf.
                _guard.RequireExchange(ResourceAccess.Write, deadLetters);
                _guard.RequireQueue(ResourceAccess.Read, declare.Queue);
            }

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
        var queue = QueueName(bind.Queue);
        _guard.RequireQueue(ResourceAccess.Write, queue);
        _guard.RequireExchange(ResourceAccess.Read, bind.Exchange);
        await _broker.BindQueueAsync(queue, bind.Exchange, bind.RoutingKey, MessageConversion.ToBroker(bind.Arguments)).ConfigureAwait(false);
        ReplyUnless(bind.Nowait, default(QueueBindOk));
    }

    private async Task UnbindQueueAsync(QueueUnbind unbind)
    {
        var queue = QueueName(unbind.Queue);
        _guard.RequireQueue(ResourceAccess.Write, queue);
        _guard.RequireExchange(ResourceAccess.Read, unbind.Exchange);
        await _broker.UnbindQueueAsync(queue, unbind.Exchange, unbind.RoutingKey, MessageConversion.ToBroker(unbind.Arguments)).ConfigureAwait(false);
        _outbound.PostMethod(Number, default(QueueUnbindOk));
    }

    private async Task PurgeQueueAsync(QueuePurge purge)
    {
        var queue = QueueName(purge.Queue);
        _guard.RequireQueue(ResourceAccess.Read, queue);
        var purged = await _broker.PurgeQueueAsync(queue).ConfigureAwait(false);
        ReplyUnless(purge.Nowait, new QueuePurgeOk { MessageCount = (uint)purged });
    }

    private async Task DeleteQueueAsync(QueueDelete delete)
    {
        var queue = QueueName(delete.Queue);
        _guard.RequireQueue(ResourceAccess.Configure, queue);
        var deleted = await _broker.DeleteQueueAsync(queue, delete.IfUnused, delete.IfEmpty).ConfigureAwait(false);
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

    private static ExchangeType ParseExchangeType(string type) => ExchangeTypeNames.TryParse(type, out var parsed)
        ? parsed
        : throw new AmqpProtocolException(ReplyCode.CommandInvalid, $"unknown exchange type '{type}' ({ExchangeTypeNames.Known} are supported)");

    private static string? TextArgument(Broker.Messages.Headers? arguments, string key) =>
        arguments is not null && arguments.TryGetValue(key, out var value) && value.Kind == Broker.Messages.FieldKind.String ? value.AsString() : null;
}
