using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Transactions;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueActor
{
    private static readonly TimeSpan s_maxRecoveryBackoff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A durable queue holds every command, in order, until it has recovered. It reads its journal once its host routes
    /// to every queue it restored: what a recovery sends on (the outputs of a commit cut off by a crash, messages that
    /// expired meanwhile to their dead-letter queues) would otherwise find no queue to take it, and be dropped.
    /// </summary>
    private void StartRecovery()
    {
        if (runtime.PersistenceId is null)
        {
            return;
        }

        runtime.Recovering = true;
        var self = Self;
        runtime.VirtualHost.Restored.ContinueWith(
            _ => self.Tell(QueueProtocol.StartJournal.Instance, ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void StartJournalActor(QueueRecovery? recovery)
    {
        var persistenceId = runtime.PersistenceId!;
        var afterCrash = runtime.RecoversAfterCrash;
        runtime.JournalActor = Context.ActorOf(
            Props.Create(() => new QueueJournalActor(persistenceId, recovery, afterCrash)),
            "journal-" + ++runtime.JournalActorsStarted);
        Context.Watch(runtime.JournalActor);
    }

    /// <summary>What a durable queue handles before anything else: its recovery, its journal actor's end, its stop.</summary>
    private bool ReceiveLifecycle(object message)
    {
        switch (message)
        {
            case QueueJournalProtocol.Recovered recovered:
                OnRecovered(recovered.Recovery);
                return true;
            case QueueJournalProtocol.Fenced fenced:
                Context.GetLogger().Warning("Queue {0} stops: another node took over its journal {1} ({2})", runtime.Name, runtime.PersistenceId, fenced.Cause.Message);
                // The journal actor's end (a system message) may have come first and scheduled a successor.
                runtime.Stopping = true;
                Timers.Cancel(QueueProtocol.StartJournal.Instance);
                if (runtime.JournalActor.IsNobody())
                {
                    Context.Stop(Self);
                }

                return true;
            case QueueJournalProtocol.RecoveryFailed failed:
                Context.GetLogger().Error(failed.Cause, "Queue {0} could not read its journal {1}; it tries again", runtime.Name, runtime.PersistenceId);
                return true;
            case Terminated terminated when terminated.ActorRef.Equals(runtime.JournalActor):
                OnJournalActorStopped();
                return true;
            case QueueProtocol.StartJournal:
                StartJournalActor(runtime.Recovering ? new QueueRecovery(_state) : null);
                return true;
            case QueueProtocol.Stop stop:
                Stop(stop.DeleteJournal);
                return true;
            case TransactionProtocol.RecoveredCommitsSettled:
                runtime.SettlingRecoveredCommits = false;
                Stash.UnstashAll();
                return true;
            default:
                if (runtime.Recovering || (runtime.SettlingRecoveredCommits && !PassesRecoveredCommitsGate(message)))
                {
                    Stash.Stash();
                    return true;
                }

                return false;
        }
    }

    private void OnRecovered(QueueRecovery? recovery)
    {
        runtime.RecoveryFailures = 0;
        if (recovery is null)
        {
            runtime.Journal?.JournalActorReady(runtime.JournalActor);
            return;
        }

        var count = recovery.RestoreInto(_state);
        var durability = runtime.Options.Durability!;
        var journal = new QueueJournal(runtime.PersistenceId!, runtime.JournalActor, Context.System, durability, new DurableMessages { Count = count });
        journal.RestoreRows(recovery.Rows, recovery.HighestEnqueued);
        journal.StartAfterSnapshot(recovery.SnapshotSequenceNr);
        runtime.Journal = journal;
        journal.EnablePaging(_state, runtime.Options.QueueInMemoryMessages, runtime.Options.QueueInMemoryBytes);
        journal.PageInIfNeeded(Self);
        SettleRecovered(recovery, journal);
        runtime.Recovering = false;
        _state.WriteTo(runtime.Metrics);
        ScheduleTimers();
        Stash.UnstashAll();
    }

    /// <summary>
    /// The journal actor stopped: the queue was stopping, or a write or the recovery failed (Akka stops a persistent
    /// actor then). A successor is started, at once after a failed write (it only learns where the journal ends),
    /// after a growing pause after a failed recovery (the database may be down).
    /// </summary>
    private void OnJournalActorStopped()
    {
        runtime.JournalActor = ActorRefs.Nobody;
        if (runtime.Stopping)
        {
            Context.Stop(Self);
            return;
        }

        runtime.Journal?.JournalActorStopped();
        var failures = ++runtime.RecoveryFailures;
        var backoff = TimeSpan.FromMilliseconds(Math.Min(s_maxRecoveryBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));
        Timers.StartSingleTimer(QueueProtocol.StartJournal.Instance, QueueProtocol.StartJournal.Instance, backoff);
    }

    /// <summary>
    /// Stops the queue once everything it journaled is decided: the gathered records go out, and the journal actor
    /// stops after its last write (deleting the journal first when the queue was deleted).
    /// </summary>
    private void Stop(bool deleteJournal)
    {
        // A clean stop journals the removal of every dead letter its queues already hold: else it comes back here
        // after the restart, beside its copy in the dead-letter queue.
        runtime.StopAfterDeadLetters = !deleteJournal && DeadLettersAwaitingAnswer;
        if (runtime.StopAfterDeadLetters)
        {
            return;
        }

        runtime.Stopping = true;
        Timers.Cancel(QueueProtocol.StartJournal.Instance);
        if (runtime.JournalActor.IsNobody())
        {
            Context.Stop(Self);
            return;
        }

        runtime.Journal?.Flush(evenIfBusy: true);
        runtime.JournalActor.Tell(new QueueJournalProtocol.StopAfterWrites(deleteJournal));
    }

    /// <summary>
    /// A persistent message in a durable queue is confirmed once its Enqueued record is durable; a duplicate once
    /// everything journaled so far is (its original may still be on its way); anything else at once.
    /// </summary>
    private void SettlePublish(QueueProtocol.Publish publish)
    {
        var outcome = Enqueue(publish.Message);
        if ((outcome == PublishOutcome.Accepted && publish.Message.Properties.IsPersistent) || outcome == PublishOutcome.Duplicate)
        {
            SettleAfterJournal(publish.Confirm);
        }
        else
        {
            publish.Confirm.Settle(outcome == PublishOutcome.Accepted);
        }
    }

    private void SettleAfterJournal(PublishConfirm confirm)
    {
        if (runtime.Journal is { } journal)
        {
            journal.SettleAfterJournal(confirm, Self);
        }
        else
        {
            confirm.Settle(true);
        }
    }

    private bool ReceiveJournal(object message)
    {
        if (runtime.Journal is not { } journal)
        {
            return false;
        }

        switch (message)
        {
            case QueueJournalProtocol.Flush:
                journal.Flush();
                break;
            case QueueJournalProtocol.Written written:
                journal.OnWritten(written.Write, Self);
                break;
            case QueueJournalProtocol.WriteFailed failed:
                journal.OnWriteFailed(failed.Write, Self);
                break;
            case QueueJournalProtocol.SnapshotFinished finished:
                journal.OnSnapshotFinished(finished, Self);
                break;
            case QueueJournalProtocol.PagedIn paged:
                journal.OnPagedIn(paged);
                _state.DeliverReady();
                Drain();
                break;
            default:
                return false;
        }

        return true;
    }
}
