using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Transactions;
using BrokerProperties = ActorBroker.Broker.Messages.BasicProperties;

namespace ActorBroker.Amqp.Server;

internal sealed partial class AmqpChannel
{
    private readonly PublishedProperties _publishedProperties = new();
    private PublisherConfirms? _confirms;

    private Task? Publish(in BasicPublish publish, ContentHeader header, ReadOnlyMemory<byte> body)
    {
        if (publish.Immediate)
        {
            throw new AmqpProtocolException(ReplyCode.NotImplemented, "immediate=true");
        }

        _guard.RequireExchange(ResourceAccess.Write, publish.Exchange);

        var properties = header.EncodedProperties.Length <= 2 && header.EncodedProperties.IndexOfAnyExcept((byte)0) < 0
            ? BrokerProperties.Empty
            : WithDirectReplyTo(_publishedProperties.Of(header.EncodedProperties));
        if (_blocking.IsBlocked)
        {
            return AcceptWhenUnblockedAsync(publish.Exchange, publish.RoutingKey, body, properties, publish.Mandatory);
        }

        Accept(publish.Exchange, publish.RoutingKey, body, properties, publish.Mandatory);
        return null;
    }

    // The body is the command's own array and the properties are converted: nothing here points into the pipe.
    private async Task AcceptWhenUnblockedAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, BrokerProperties properties, bool mandatory)
    {
        if (await _blocking.WaitUntilOpenAsync().ConfigureAwait(false))
        {
            Accept(exchange, routingKey, body, properties, mandatory);
        }
    }

    private void Accept(string exchange, string routingKey, ReadOnlyMemory<byte> body, BrokerProperties properties, bool mandatory)
    {
        if (_tx is { } tx)
        {
            tx.Add(new TxOperation(new TransactionPublish(exchange, routingKey, body, properties, mandatory)));
            return;
        }

        PublishNow(exchange, routingKey, body, properties, mandatory);
    }

    private void PublishNow(string exchange, string routingKey, ReadOnlyMemory<byte> body, BrokerProperties properties, bool mandatory)
    {
        if (_confirms is not { } confirms)
        {
            _broker.Publish(exchange, routingKey, body, properties, mandatory);
            return;
        }

        // Numbered before publishing: a publish that fails (unknown exchange) closes the channel, so its tag never matters.
        var tag = confirms.Next();
        _broker.Publish(exchange, routingKey, body, properties, mandatory, confirms, tag);
    }

    private void Settle(in Settlement settlement)
    {
        if (settlement.DeliveryTag != 0 || !settlement.Multiple)
        {
            CheckDeliveryTag(settlement.DeliveryTag);
        }

        if (_tx is { } tx)
        {
            tx.Add(new TxOperation(settlement));
            return;
        }

        SettleNow(settlement);
    }

    private void SettleNow(in Settlement settlement)
    {
        if (settlement.Kind == SettlementKind.Ack)
        {
            _broker.Ack(settlement.DeliveryTag, settlement.Multiple);
        }
        else
        {
            _broker.Nack(settlement.DeliveryTag, settlement.Multiple, settlement.Requeue);
        }
    }

    private Task? SelectConfirms(in ConfirmSelect select)
    {
        if (_tx is not null)
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "cannot switch from tx to confirm mode");
        }

        _confirms ??= new PublisherConfirms(Number, _outbound);
        ReplyUnless(select.Nowait, default(ConfirmSelectOk));
        return null;
    }
}
