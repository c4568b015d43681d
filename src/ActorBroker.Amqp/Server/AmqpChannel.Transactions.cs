using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Amqp.Server;

/// <summary>One step of a transaction: a publish or a settlement, replayed in order at commit.</summary>
internal readonly record struct TxOperation(TransactionPublish? Publish, Settlement Settlement)
{
    public TxOperation(TransactionPublish publish)
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
        if (await _broker.CommitAtomicallyAsync(Publishes(tx), Settlements(tx)).ConfigureAwait(false))
        {
            tx.Clear();
            _outbound.PostMethod(Number, default(TxCommitOk));
            return;
        }

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

    private static List<TransactionPublish> Publishes(List<TxOperation> tx) =>
        [.. tx.Where(o => o.Publish is not null).Select(o => o.Publish!)];

    private static List<TransactionSettlement> Settlements(List<TxOperation> tx) =>
        [.. tx.Where(o => o.Publish is null).Select(o => new TransactionSettlement(o.Settlement.Kind == SettlementKind.Ack, o.Settlement.DeliveryTag, o.Settlement.Multiple, o.Settlement.Requeue))];

    private Task? Rollback()
    {
        RequireTx().Clear();
        _outbound.PostMethod(Number, default(TxRollbackOk));
        return null;
    }

    private List<TxOperation> RequireTx() =>
        _tx ?? throw new AmqpProtocolException(ReplyCode.PreconditionFailed, "channel is not transactional");
}
