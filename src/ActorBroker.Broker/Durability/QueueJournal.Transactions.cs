using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Transactions committed on this queue whose outputs are not yet in their queues. Their commit records must stay
/// readable by a recovery until then, so a snapshot is never taken at or after the row of such a record (recovery
/// replays the rows after its snapshot) and compaction never deletes it.
/// </summary>
internal sealed partial class QueueJournal
{
    // Transaction id → the row holding its commit record (0: not yet durable).
    private readonly Dictionary<long, long> _pendingTransactions = [];

    /// <summary>Journals a transaction's commit with the queue's next write, in the same write as the acks raised in this turn.</summary>
    public void RecordCommit(QueueRecord.TransactionCommitted commit, IActorRef queue)
    {
        _pendingTransactions[commit.TransactionId] = 0;
        Add(commit, queue);
    }

    /// <summary>The outputs of <paramref name="transactionId"/> are in their queues: its record may go.</summary>
    public void RecordForwarded(long transactionId, IActorRef queue)
    {
        _pendingTransactions.Remove(transactionId);
        Add(new QueueRecord.TransactionForwarded(transactionId), queue);
    }

    /// <summary>Recovery found the commit of <paramref name="transactionId"/> in <paramref name="row"/>, not yet forwarded.</summary>
    public void RestorePendingTransaction(long transactionId, long row) => _pendingTransactions[transactionId] = row;

    /// <summary>The newest row a snapshot may be taken at: before the oldest durable commit record still pending.</summary>
    private long SnapshotLimit()
    {
        var limit = _durableSequenceNr;
        foreach (var row in _pendingTransactions.Values)
        {
            if (row > 0)
            {
                limit = Math.Min(limit, row - 1);
            }
        }

        return limit;
    }

    private void IndexTransactions(QueueWrite write)
    {
        if (_pendingTransactions.Count == 0)
        {
            return;
        }

        for (var i = 0; i < write.Rows.Count; i++)
        {
            foreach (var record in write.Rows[i].Records)
            {
                if (record is QueueRecord.TransactionCommitted commit && _pendingTransactions.ContainsKey(commit.TransactionId))
                {
                    _pendingTransactions[commit.TransactionId] = write.RowSequenceNrs[i];
                }
            }
        }
    }

    private void Add(QueueRecord record, IActorRef queue)
    {
        OpenWrite(queue).Records.Add(record);
        RequestFlush(queue);
    }
}
