using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Transactions;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// The atomic commit of a transaction that acks deliveries of this queue: the acks' removals and a commit record
/// holding the outputs go into one journal write, which is the commit point; the outputs are forwarded to their
/// exchanges once it is durable, and again by the recovery after a crash until their forwarding is journaled.
/// </summary>
internal sealed partial class QueueActor
{
    private readonly RouteResult _forwardRoute = new();

    private bool ReceiveTransaction(object message)
    {
        switch (message)
        {
            case TransactionProtocol.QueueCommit commit:
                Commit(commit);
                return true;
            case TransactionProtocol.Durable { Stored: true } durable:
                Forward(durable.TransactionId, durable.Outputs, durable.Done);
                return true;
            case TransactionProtocol.Durable failed:
                // The acks and the commit record ride along with the next write (see QueueJournal.OnWriteFailed), so
                // the outcome is in doubt: the outputs go out, and the client hears that the commit failed.
                Forward(failed.TransactionId, failed.Outputs, done: null);
                failed.Done.TrySetException(new BrokerException(BrokerErrorCode.InternalError, "The commit could not be journaled; it may still take effect."));
                return true;
            case TransactionProtocol.Forwarded forwarded:
                runtime.Journal?.RecordForwarded(forwarded.TransactionId, Self);
                forwarded.Done?.TrySetResult(true);
                return true;
            default:
                return false;
        }
    }

    private void Commit(TransactionProtocol.QueueCommit commit)
    {
        // All or nothing: a delivery taken back meanwhile (the channel closed, a recover) fails the whole commit.
        foreach (var tag in commit.QueueTags)
        {
            if (!_state.IsUnackedBy(commit.ChannelId, tag))
            {
                commit.Done.TrySetException(BrokerException.PreconditionFailed($"The delivery {tag} of queue '{runtime.Name}' was taken back before the commit."));
                return;
            }
        }

        foreach (var tag in commit.QueueTags)
        {
            _state.Ack(commit.ChannelId, tag, multiple: false);
        }

        Drain();
        var transactionId = Random.Shared.NextInt64(1, long.MaxValue);
        if (runtime.Journal is not { } journal)
        {
            Forward(transactionId, commit.Outputs, commit.Done);
            return;
        }

        journal.RecordCommit(new QueueRecord.TransactionCommitted(transactionId, commit.Outputs), Self);
        var stored = new PublishConfirm(1);
        journal.SettleAfterJournal(stored, Self);
        var self = Self;
        stored.Task.ContinueWith(
            written => self.Tell(new TransactionProtocol.Durable(transactionId, commit.Outputs, commit.Done, written.Result), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Publishes the outputs as a confirming publisher would. An output a queue refuses (full, reject-publish) is
    /// dropped, as RabbitMQ drops a refused publish of a transaction.
    /// </summary>
    private void Forward(long transactionId, Message[] outputs, TaskCompletionSource<bool>? done)
    {
        var published = new Task<bool>[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            published[i] = runtime.VirtualHost.PublishConfirmedAsync(outputs[i], _forwardRoute);
        }

        var self = Self;
        Task.WhenAll(published).ContinueWith(
            _ => self.Tell(new TransactionProtocol.Forwarded(transactionId, done), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>After a crash: the transactions committed here whose forwarding was not journaled go out again.</summary>
    private void ForwardRecovered(QueueRecovery recovery, QueueJournal journal)
    {
        foreach (var (transactionId, row, outputs) in recovery.PendingTransactions)
        {
            journal.RestorePendingTransaction(transactionId, row);
            Forward(transactionId, outputs, done: null);
        }
    }
}
