using ActorBroker.Amqp.Framing;
using BrokerProperties = ActorBroker.Broker.Messages.BasicProperties;

namespace ActorBroker.Amqp.Server;

/// <summary>A publish held by a transaction until commit.</summary>
internal sealed record TxPublish(string Exchange, string RoutingKey, ReadOnlyMemory<byte> Body, BrokerProperties Properties, bool Mandatory);

/// <summary>One step of a transaction: a publish or a settlement, replayed in order at commit.</summary>
internal readonly record struct TxOperation(TxPublish? Publish, Settlement Settlement)
{
    public TxOperation(TxPublish publish)
        : this(publish, default)
    {
    }

    public TxOperation(Settlement settlement)
        : this(null, settlement)
    {
    }
}

internal sealed partial class AmqpChannel
{
    private List<TxOperation>? _tx;

    private Task? SelectTx()
    {
        if (_confirms is not null)
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "cannot switch from confirm to tx mode");
        }

        _tx ??= [];
        _outbound.PostMethod(Number, default(TxSelectOk));
        return null;
    }

    private async Task CommitAsync()
    {
        var tx = RequireTx();
        foreach (var operation in tx)
        {
            if (operation.Publish is { } publish)
            {
                PublishNow(publish.Exchange, publish.RoutingKey, publish.Body, publish.Properties, publish.Mandatory);
            }
            else
            {
                SettleNow(operation.Settlement);
            }
        }

        tx.Clear();

        // Commit-ok promises that the queues hold the committed messages.
        await _broker.WaitForConfirmsAsync().ConfigureAwait(false);
        _outbound.PostMethod(Number, default(TxCommitOk));
    }

    private Task? Rollback()
    {
        RequireTx().Clear();
        _outbound.PostMethod(Number, default(TxRollbackOk));
        return null;
    }

    private List<TxOperation> RequireTx() =>
        _tx ?? throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "channel is not transactional");
}
