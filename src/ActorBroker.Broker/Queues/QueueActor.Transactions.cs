using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Transactions;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// The atomic commit of a transaction that acks deliveries of this queue (and maybe of others): the deliveries the
/// transaction acks in other queues are locked there first; then this queue's acks, and a commit record holding the
/// other queues' acks and the outputs, go into one journal write, which is the commit point. Once it is durable the
/// other queues apply their acks and the outputs are forwarded to their exchanges, and again by the recovery after a
/// crash until that is journaled as done.
/// </summary>
internal sealed partial class QueueActor
{
    private readonly RouteResult _forwardRoute = new();

    private bool ReceiveTransaction(object message)
    {
        switch (message)
        {
            case TransactionProtocol.QueueCommit commit:
                LockParticipants(commit);
                return true;
            case TransactionProtocol.Locked locked:
                Commit(locked);
                return true;
            case TransactionProtocol.Lock request:
                LockFor(request);
                return true;
            case TransactionProtocol.Release release:
                _state.ReleaseLocked(release.TransactionId);
                Drain();
                return true;
            case TransactionProtocol.ApplyAcks apply:
                Apply(apply);
                return true;
            case TransactionProtocol.Durable { Stored: true } durable:
                Forward(durable.Record, durable.Done);
                return true;
            case TransactionProtocol.Durable failed:
                // The acks and the commit record ride along with the next write (see QueueJournal.OnWriteFailed), so
                // the outcome is in doubt: the outputs go out, and the client hears that the commit failed.
                Forward(failed.Record, done: null);
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

    /// <summary>The other queues lock the deliveries the transaction acks there; their answers come back as <see cref="TransactionProtocol.Locked"/>.</summary>
    private void LockParticipants(TransactionProtocol.QueueCommit commit)
    {
        var transactionId = Random.Shared.NextInt64(1, long.MaxValue);
        if (commit.Participants.Count == 0)
        {
            // One queue: nothing to lock elsewhere, the commit goes on in this turn.
            Commit(new TransactionProtocol.Locked(transactionId, commit, [], Refusal: null));
            return;
        }

        var locks = new Task<RemoteAcks>[commit.Participants.Count];
        for (var i = 0; i < locks.Length; i++)
        {
            var participant = commit.Participants[i];
            var locked = new TaskCompletionSource<RemoteAcks>(TaskCreationOptions.RunContinuationsAsynchronously);
            participant.Queue.Tell(new TransactionProtocol.Lock(transactionId, commit.ChannelId, participant.QueueTags, locked), Self);
            // A queue that stopped meanwhile never answers: the transaction then fails, and the others release.
            locks[i] = locked.Task.WaitAsync(runtime.Options.OperationTimeout);
        }

        var self = Self;
        Task.WhenAll(locks).ContinueWith(
            all => self.Tell(new TransactionProtocol.Locked(transactionId, commit, [.. locks.Select(l => l.IsCompletedSuccessfully ? l.Result : null)], all.Exception?.InnerException), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Commit(TransactionProtocol.Locked locked)
    {
        var commit = locked.Commit;
        // All or nothing: a delivery taken back meanwhile (the channel closed, a recover) fails the whole commit.
        var refusal = locked.Refusal ?? commit.QueueTags.Where(tag => !_state.IsUnackedBy(commit.ChannelId, tag))
            .Select(tag => BrokerException.PreconditionFailed($"The delivery {tag} of queue '{runtime.Name}' was taken back before the commit."))
            .FirstOrDefault();
        if (refusal is not null)
        {
            Refuse(locked.TransactionId, commit, refusal);
            return;
        }

        foreach (var tag in commit.QueueTags)
        {
            _state.Ack(commit.ChannelId, tag, multiple: false);
        }

        Drain();
        var record = new QueueRecord.TransactionCommitted(locked.TransactionId, commit.Outputs, [.. locked.Acks.Select(a => a!)]);
        if (runtime.Journal is not { } journal)
        {
            Forward(record, commit.Done);
            return;
        }

        journal.RecordCommit(record, Self);
        var stored = new PublishConfirm(1);
        journal.SettleAfterJournal(stored, Self);
        var self = Self;
        stored.Task.ContinueWith(
            written => self.Tell(new TransactionProtocol.Durable(record, commit.Done, written.Result), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Nothing was committed: every acked delivery still outstanding goes back to its queue, to be redelivered.</summary>
    private void Refuse(long transactionId, TransactionProtocol.QueueCommit commit, Exception refusal)
    {
        foreach (var participant in commit.Participants)
        {
            participant.Queue.Tell(new TransactionProtocol.Release(transactionId), Self);
        }

        foreach (var tag in commit.QueueTags.Where(tag => _state.IsUnackedBy(commit.ChannelId, tag)))
        {
            _state.Nack(commit.ChannelId, tag, multiple: false, requeue: true);
        }

        Drain();
        commit.Done.TrySetException(refusal);
    }

    /// <summary>This queue takes part in a transaction decided by another: it locks the deliveries the transaction acks.</summary>
    private void LockFor(TransactionProtocol.Lock request)
    {
        if (_state.Lock(request.TransactionId, request.ChannelId, request.QueueTags) is { } sequences)
        {
            request.Locked.TrySetResult(new RemoteAcks(runtime.Name, runtime.PersistenceId, sequences));
        }
        else
        {
            request.Locked.TrySetException(BrokerException.PreconditionFailed($"A delivery of queue '{runtime.Name}' was taken back before the commit."));
        }
    }

    /// <summary>
    /// A transaction that took deliveries of this queue committed: they are acked (or, at a recovery, the messages
    /// still ready leave). The answer waits for their removal to be durable, so the commit record may go only then.
    /// </summary>
    private void Apply(TransactionProtocol.ApplyAcks apply)
    {
        // A queue deleted and declared again under the name holds other messages under the same sequences.
        if (apply.Acks.PersistenceId == runtime.PersistenceId && !_state.CommitLocked(apply.TransactionId))
        {
            _state.Withdraw(apply.Acks.Sequences);
        }

        Drain();
        SettleAfterJournal(apply.Applied);
    }

    /// <summary>
    /// Applies the acks in the other queues and publishes the outputs as a confirming publisher would; returns when
    /// the other queues' acks are applied and every output is confirmed or refused. An output a queue refuses (full,
    /// reject-publish) is dropped, as RabbitMQ drops a refused publish of a transaction; one a queue could not store is
    /// published again until it is (<see cref="VirtualHost.ForwardCommittedAsync"/>).
    /// </summary>
    private Task Forward(QueueRecord.TransactionCommitted record, TaskCompletionSource<bool>? done)
    {
        var steps = new Task[record.Outputs.Length + 1];
        for (var i = 0; i < record.Outputs.Length; i++)
        {
            steps[i] = runtime.VirtualHost.ForwardCommittedAsync(record.Outputs[i], _forwardRoute);
        }

        steps[^1] = Task.WhenAll(record.RemoteAcks.Select(acks => ApplyElsewhere(record.TransactionId, acks)));
        var self = Self;
        return Task.WhenAll(steps).ContinueWith(
            _ => self.Tell(new TransactionProtocol.Forwarded(record.TransactionId, done), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private Task ApplyElsewhere(long transactionId, RemoteAcks acks)
    {
        if (!runtime.VirtualHost.Routing.TryGetQueue(acks.Queue, out var queue))
        {
            // Deleted: its messages are gone, acked or not.
            return Task.CompletedTask;
        }

        // A participant whose write of the removals failed is asked again (it then only waits for its next write, which
        // carries them): else the commit would be journaled as forwarded before the acks are durable there.
        var request = (Participant: ((QueueEndpoint)queue).Actor, Self, TransactionId: transactionId, Acks: acks);
        return ConfirmRetry.UntilStoredAsync(AskToApply(request), request, AskToApply, runtime.VirtualHost.Clock);
    }

    private static PublishConfirm AskToApply((IActorRef Participant, IActorRef Self, long TransactionId, RemoteAcks Acks) request)
    {
        var applied = new PublishConfirm(1);
        request.Participant.Tell(new TransactionProtocol.ApplyAcks(request.TransactionId, request.Acks, applied), request.Self);
        return applied;
    }

    /// <summary>
    /// After a crash: the transactions committed here whose forwarding was not journaled go out again. Until they are
    /// settled (outputs in their queues, acks applied in the others) this queue holds its commands (see
    /// <see cref="ReceiveLifecycle"/>), so the node does not count it recovered and admits no client that could miss a
    /// committed output or be handed an acked message again.
    /// </summary>
    private void SettleRecovered(QueueRecovery recovery, QueueJournal journal)
    {
        var forwarding = new List<Task>();
        foreach (var (row, commit) in recovery.PendingTransactions)
        {
            journal.RestorePendingTransaction(commit.TransactionId, row);
            forwarding.Add(Forward(commit, done: null));
        }

        if (forwarding.Count == 0)
        {
            return;
        }

        runtime.SettlingRecoveredCommits = true;
        var self = Self;
        Task.WhenAll(forwarding).ContinueWith(
            _ => self.Tell(TransactionProtocol.RecoveredCommitsSettled.Instance, ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// What a queue settling its recovered commits still handles: the transactions' messages (another queue may wait
    /// for this one the same way), publishes (a commit's outputs may go to this queue itself) and its journal's, so
    /// that writes go on.
    /// </summary>
    private static bool PassesRecoveredCommitsGate(object message) =>
        message.GetType().DeclaringType == typeof(TransactionProtocol)
        || message is QueueProtocol.Publish or QueueJournalProtocol.Flush or QueueJournalProtocol.Written or QueueJournalProtocol.WriteFailed
            or QueueJournalProtocol.SnapshotFinished or QueueJournalProtocol.PagedIn;
}
