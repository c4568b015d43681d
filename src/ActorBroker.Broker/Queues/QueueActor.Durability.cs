using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueActor
{
    /// <summary>A persistent message in a durable queue is confirmed once its Enqueued record is durable; anything else at once.</summary>
    private void SettlePublish(QueueProtocol.Publish publish)
    {
        var accepted = Enqueue(publish.Message);
        if (accepted && publish.Message.Properties.IsPersistent && runtime.Journal is not null)
        {
            runtime.Journal.SettleAfterJournal(publish.Confirm, Self);
        }
        else
        {
            publish.Confirm.Settle(accepted);
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
