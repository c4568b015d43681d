using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The journal of one durable queue, on the queue actor's side. The queue hands it the events of each command; it
/// turns those about persistent messages into records and gathers them until the actor handles the
/// <see cref="QueueJournalProtocol.Flush"/> it sent itself, then hands them as one <see cref="QueueWrite"/> to the
/// queue's <see cref="QueueJournalActor"/>. A queue has at most one write on its way: what gathers meanwhile goes
/// out as the next one, so a busy queue writes about one row per commit however fast it is published to, and the
/// journal plugin commits many queues' writes together. Commands never wait for the journal: only publisher
/// confirms do. Lives in the queue's runtime, so it survives restarts of the queue's actor.
/// </summary>
internal sealed partial class QueueJournal(string persistenceId, IActorRef journalActor, ActorSystem system, BrokerDurability settings, DurableMessages messages)
{
    private QueueWrite? _open;
    private QueueWrite? _lastFlushed;
    private QueueWrite? _inFlight;
    private QueueWrite? _unsent;
    private IActorRef _journalActor = journalActor;
    private bool _flushRequested;
    private long _durableSequenceNr;
    private long _snapshotSequenceNr;
    private bool _snapshotting;
    // Records, not rows, measure the log for compaction: one row holds a whole flush.
    private long _recordsJournaled;
    private long _recordsDurable;
    private long _recordsAtSnapshot;

    public string PersistenceId { get; } = persistenceId;

    public DurableMessages Messages { get; } = messages;

    /// <summary>Journals what <paramref name="events"/> change about persistent messages (nothing for transient ones).</summary>
    public void Record(IReadOnlyList<QueueEvent> events, IActorRef queue)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var open = OpenWrite(queue);
            var before = open.Records.Count;
            Messages.Translate(events[i], open.Records);
            if (open.Records.Count > before)
            {
                RequestFlush(queue);
                TrackUnwritten(open, queue);
            }
        }
    }

    /// <summary>Journals the removal of a message whose removal was held (at-least-once dead-lettering).</summary>
    public void ReleaseRemoval(long sequence, IActorRef queue)
    {
        var open = OpenWrite(queue);
        var before = open.Records.Count;
        Messages.ReleaseRemoval(sequence, open.Records);
        if (open.Records.Count > before)
        {
            RequestFlush(queue);
            TrackUnwritten(open, queue);
        }
    }

    /// <summary>Settles <paramref name="confirm"/> once everything journaled so far is durable (false if a write failed).</summary>
    public void SettleAfterJournal(PublishConfirm confirm, IActorRef queue)
    {
        if (_open is { Records.Count: > 0 } open)
        {
            // The open write may hold only records carried over from a failed write, with no flush on its way.
            open.SettleAfter(confirm);
            RequestFlush(queue);
        }
        else if (_lastFlushed is { } flushed)
        {
            flushed.SettleAfter(confirm);
        }
        else
        {
            confirm.Settle(true);
        }
    }

    /// <summary>
    /// Hands the gathered records to the journal actor, unless the previous write is still on its way (its
    /// answer flushes them) or the journal actor is being replaced. <paramref name="evenIfBusy"/> flushes while a
    /// write is on its way: the queue is stopping.
    /// </summary>
    public void Flush(bool evenIfBusy = false)
    {
        _flushRequested = false;
        if (_journalActor.IsNobody() || (_inFlight is not null && !evenIfBusy) || _open is not { Records.Count: > 0 } write)
        {
            return;
        }

        _open = null;
        LeaveOutRemovedUnwritten(write);
        write.Rows = ToRows(write);
        _recordsJournaled += write.Records.Count;
        write.RecordsThrough = _recordsJournaled;
        _lastFlushed = _inFlight = write;
        _journalActor.Tell(write, ActorRefs.NoSender);
    }

    public void OnWritten(QueueWrite write, IActorRef queue)
    {
        IndexRows(write);
        IndexTransactions(write);
        _durableSequenceNr = Math.Max(_durableSequenceNr, write.RowSequenceNrs[^1]);
        _recordsDurable = Math.Max(_recordsDurable, write.RecordsThrough);
        PageOut(write.Records);
        Answered(write);
        SnapshotIfDue(queue);
    }

    /// <summary>
    /// A failed write: its publishers were nacked, so its messages stay in memory only. Its other records
    /// (deliveries, removals) are idempotent and ride along with the queue's next write, so an ack taken
    /// during an outage still reaches the journal once it is back.
    /// </summary>
    public void OnWriteFailed(QueueWrite write, IActorRef queue)
    {
        // Flushed again only if new records came meanwhile: a broken store is not retried in a tight loop.
        var newRecords = _open is { Records.Count: > 0 };
        foreach (var record in write.Records)
        {
            if (record is QueueRecord.Enqueued enqueued)
            {
                Messages.Forget(enqueued.Sequence);
                ForgetDeduplication(enqueued);
            }
            else
            {
                OpenWrite(queue).Records.Add(record);
            }
        }

        if (ReferenceEquals(_inFlight, write))
        {
            _inFlight = null;
        }

        if (newRecords)
        {
            Flush();
        }
    }

    // The publisher of a message whose write failed was nacked and will publish it again: that is no duplicate.
    private void ForgetDeduplication(QueueRecord.Enqueued enqueued)
    {
        if (_state?.Deduplication is { } window && DeduplicationKey.Of(enqueued.Message) is { } key)
        {
            window.Forget(key, enqueued.Sequence);
        }
    }

    /// <summary>
    /// The queue's actor stops for good (deleted, the node stopping, or its journal taken over by another node): the
    /// confirms of writes that will not be decided here any more are refused, so their publishers publish again
    /// (to the queue's next owner) instead of waiting forever. A decided write keeps its answer.
    /// </summary>
    public void RefuseUndecided()
    {
        var stopped = new InvalidOperationException($"Queue journal '{PersistenceId}' stopped before this write was made.");
        foreach (var write in (ReadOnlySpan<QueueWrite?>)[_open, _unsent, _inFlight, _lastFlushed])
        {
            write?.SettleConfirms(stopped);
        }
    }

    /// <summary>
    /// The journal actor stopped after a failed write: nothing is flushed until its successor is ready. A write sent
    /// after the failure found it stopping and was never persisted: it goes to the successor.
    /// </summary>
    public void JournalActorStopped()
    {
        _journalActor = ActorRefs.Nobody;
        _snapshotting = false;
        if (_inFlight is { IsDecided: false } unsent)
        {
            _unsent = unsent;
        }
    }

    /// <summary>The successor of a stopped journal actor is ready: the write it missed and what gathered meanwhile go out.</summary>
    public void JournalActorReady(IActorRef successor)
    {
        _journalActor = successor;
        if (_unsent is { } unsent)
        {
            _unsent = null;
            _inFlight = unsent;
            successor.Tell(unsent, ActorRefs.NoSender);
            return;
        }

        _inFlight = null;
        Flush();
    }

    private QueueWrite OpenWrite(IActorRef queue) => _open ??= new QueueWrite(queue, previous: _lastFlushed);

    private void RequestFlush(IActorRef queue)
    {
        if (!_flushRequested)
        {
            _flushRequested = true;
            queue.Tell(QueueJournalProtocol.Flush.Instance, queue);
        }
    }

    private void Answered(QueueWrite write)
    {
        if (ReferenceEquals(_inFlight, write))
        {
            _inFlight = null;
            Flush();
        }
    }
}
