using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Persistence;
using ActorBroker.Persistence.Journal;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The journal of one durable queue. The queue actor hands it the events of each command; it turns those
/// about persistent messages into records and gathers them until the actor handles the
/// <see cref="QueueJournalProtocol.Flush"/> it sent itself. A queue has at most one write at the writer:
/// what gathers while it commits goes out as the next one, so a busy queue writes one row per commit however
/// fast it is published to, and many queues share each commit. Commands never wait for the journal: only
/// publisher confirms do. Lives in the queue's runtime, so it survives restarts of the actor.
/// </summary>
/// <remarks>
/// Why not a persistent actor: a queue's state already outlives actor restarts in its runtime,
/// where a persistent actor would replay it again on every restart; transient queues share the actor class and
/// must not pay for persistence; and a queue only ever needs write-behind with confirms (PersistAsync),
/// never a command held back for a write. Writing through the node's <see cref="Persistence.GroupCommit.JournalWriter"/>
/// directly gives exactly that with less machinery.
/// </remarks>
internal sealed partial class QueueJournal(string persistenceId, PersistenceExtension persistence, BrokerDurability settings, DurableMessages messages, long lastSequenceNr)
{
    private QueueWrite? _open;
    private QueueWrite? _lastFlushed;
    private QueueWrite? _inFlight;
    private bool _flushRequested;
    private long _lastSequenceNr = lastSequenceNr;
    private long _durableSequenceNr = lastSequenceNr;
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
            var records = (_open ??= new QueueWrite(queue)).Records;
            var before = records.Count;
            Messages.Translate(events[i], records);
            if (records.Count > before)
            {
                RequestFlush(queue);
            }
        }
    }

    /// <summary>Journals the removal of a message whose removal was held (at-least-once dead-lettering).</summary>
    public void ReleaseRemoval(long sequence, IActorRef queue)
    {
        var records = (_open ??= new QueueWrite(queue)).Records;
        var before = records.Count;
        Messages.ReleaseRemoval(sequence, records);
        if (records.Count > before)
        {
            RequestFlush(queue);
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
    /// Hands the gathered records to the node's group-commit writer, unless the previous write is still on its
    /// way (its answer flushes them). <paramref name="evenIfBusy"/> flushes anyway: the queue is stopping.
    /// </summary>
    public void Flush(bool evenIfBusy = false)
    {
        _flushRequested = false;
        if ((_inFlight is not null && !evenIfBusy) || _open is not { Records.Count: > 0 } write)
        {
            return;
        }

        _open = null;
        write.LowestSequenceNr = _lastSequenceNr + 1;
        var rows = ToRows(write.Records);
        _recordsJournaled += write.Records.Count;
        write.HighestSequenceNr = _lastSequenceNr;
        write.RecordsThrough = _recordsJournaled;
        _lastFlushed = _inFlight = write;
        persistence.Writer.Enqueue(new AtomicWrite(PersistenceId, rows), write);
    }

    public void OnWritten(QueueWrite write, IActorRef queue)
    {
        _durableSequenceNr = Math.Max(_durableSequenceNr, write.HighestSequenceNr);
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
        Rows.Remove(write.LowestSequenceNr, write.HighestSequenceNr);
        foreach (var record in write.Records)
        {
            if (record is QueueRecord.Enqueued enqueued)
            {
                Messages.Forget(enqueued.Sequence);
            }
            else
            {
                (_open ??= new QueueWrite(queue)).Records.Add(record);
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
