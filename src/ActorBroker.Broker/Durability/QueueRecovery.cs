using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Rebuilds a durable queue's index as its <see cref="QueueJournalActor"/> recovers: from the newest snapshot and
/// the rows after it. Every message comes back paged out: only the index is built, and the read-ahead brings the
/// first bodies once the queue runs. A row Akka cannot read is quarantined by the journal plugin and skipped, so one
/// bad row does not keep the queue from starting. Built on the journal actor's thread, then handed to the queue,
/// which <see cref="RestoreInto"/> its state on its own.
/// </summary>
/// <param name="stubs">The queue's state, used only to make stubs (a pure function of the queue's arguments).</param>
internal sealed class QueueRecovery(QueueState stubs)
{
    private readonly List<bool> _removed = [];
    private List<QueuedMessage> _messages = [];
    private Dictionary<long, DateTimeOffset> _parked = [];
    private List<DeduplicationEntry> _deduplication = [];
    private readonly Dictionary<long, (long Row, QueueRecord.TransactionCommitted Commit)> _transactions = [];
    private long _lastSequence;

    public RowIndex Rows { get; private set; } = new();

    /// <summary>The row the snapshot recovery started from covers (0: none).</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>Whether any message is still held: after a crash they are flagged delivered (see <see cref="QueueRecord.Crashed"/>).</summary>
    public bool HoldsMessages => _removed.Contains(false);

    public void StartFrom(long sequenceNr, QueueSnapshotPayload snapshot)
    {
        (_lastSequence, var rows, _messages, _parked, _deduplication) = QueueSnapshot.Decode(snapshot.Manifest, snapshot.Encoded);
        Rows = rows;
        SnapshotSequenceNr = sequenceNr;
        _removed.Clear();
        _removed.AddRange(new bool[_messages.Count]);
    }

    /// <summary>
    /// Applies one row's records to the index. Records about messages it does not hold are ignored (see
    /// <see cref="QueueRecord"/>); the body of an Enqueued record is not kept.
    /// </summary>
    public void Apply(List<QueueRecord> records, long row)
    {
        long first = 0, last = 0;
        foreach (var record in records)
        {
            switch (record)
            {
                case QueueRecord.Enqueued copied when Find(copied.Sequence) is var index and >= 0:
                    // Copied forward by compaction: this row now holds its body.
                    if (!_removed[index])
                    {
                        Rows.Relocate(copied.Sequence, row);
                    }

                    break;
                case QueueRecord.Enqueued left when Find(left.Sequence) is var place and < 0 && ~place < _messages.Count:
                    // A copy of a held message that its snapshot left out: a snapshot taken below a compaction's copy
                    // did, and deleted the message's old row (see QueueJournal.CopiedForwardPast). It goes back to its
                    // place, held in the copy's row; a removal of it comes in a later row, as it came after the copy.
                    _messages.Insert(~place, stubs.PagedOutStub(left.Sequence, left.Message, left.EnqueuedAt));
                    _removed.Insert(~place, false);
                    Rows.Relocate(left.Sequence, row);
                    RememberDeduplication(left);
                    break;
                case QueueRecord.Enqueued enqueued:
                    // Rows enqueue in sequence order, so a new message always goes at the end.
                    _messages.Add(stubs.PagedOutStub(enqueued.Sequence, enqueued.Message, enqueued.EnqueuedAt));
                    _removed.Add(false);
                    RememberDeduplication(enqueued);
                    first = first == 0 ? enqueued.Sequence : first;
                    last = enqueued.Sequence;
                    break;
                case QueueRecord.Delivered delivered when Find(delivered.Sequence) is var index and >= 0:
                    _messages[index].DeliveryCount = Math.Max(_messages[index].DeliveryCount, delivered.DeliveryCount);
                    _parked.Remove(delivered.Sequence);
                    break;
                case QueueRecord.Parked parked when Find(parked.Sequence) >= 0:
                    _parked[parked.Sequence] = parked.DueAt;
                    break;
                case QueueRecord.Removed gone:
                    foreach (var sequence in gone.Sequences)
                    {
                        if (Find(sequence) is var index and >= 0)
                        {
                            _removed[index] = true;
                            _parked.Remove(sequence);
                        }
                    }

                    break;
                case QueueRecord.TransactionCommitted commit:
                    _transactions[commit.TransactionId] = (row, commit);
                    break;
                case QueueRecord.TransactionForwarded forwarded:
                    _transactions.Remove(forwarded.TransactionId);
                    break;
                case QueueRecord.Crashed:
                    foreach (var message in _messages)
                    {
                        message.DeliveryCount = Math.Max(message.DeliveryCount, 1);
                    }

                    break;
            }
        }

        if (first != 0)
        {
            Rows.Add(first, last, row);
        }
    }

    /// <summary>
    /// Puts the held messages into <paramref name="state"/> (ready in enqueue order, or parked until their retry is
    /// due, with their delivery counts) and returns how many there are. Call on the queue's own thread, before it takes any command.
    /// </summary>
    public long RestoreInto(QueueState state)
    {
        var lastSequence = Math.Max(_lastSequence, Rows.Count > 0 ? Rows.Entries[^1].Last : 0);
        state.ContinueAfter(lastSequence);
        foreach (var entry in _deduplication)
        {
            state.Deduplication?.Add(entry.Key, entry.Sequence, entry.SeenAt, journaled: true);
        }

        var count = 0;
        for (var i = 0; i < _messages.Count; i++)
        {
            if (_removed[i])
            {
                continue;
            }

            if (_parked.TryGetValue(_messages[i].Sequence, out var dueAt))
            {
                state.RestoreParked(_messages[i], dueAt);
            }
            else
            {
                state.RestorePagedOut(_messages[i]);
            }

            count++;
        }

        _lastSequence = lastSequence;
        return count;
    }

    /// <summary>
    /// Transactions whose commit record the journal holds but whose outputs may not have reached their queues (or
    /// whose acks in other queues may not be durable there), with the row of each record.
    /// </summary>
    public IEnumerable<(long Row, QueueRecord.TransactionCommitted Commit)> PendingTransactions => _transactions.Values;

    /// <summary>The highest message sequence the journal ever enqueued (after <see cref="RestoreInto"/>).</summary>
    public long HighestEnqueued => _lastSequence;

    // The window holds ids of messages long gone too: every Enqueued record after the snapshot brings its id back.
    private void RememberDeduplication(QueueRecord.Enqueued enqueued)
    {
        if (stubs.Deduplication is not null && DeduplicationKey.Of(enqueued.Message) is { } key)
        {
            _deduplication.Add(new DeduplicationEntry(key, enqueued.Sequence, enqueued.EnqueuedAt, Journaled: true));
        }
    }

    /// <summary>The index of <paramref name="sequence"/> in the held messages, else the complement of where it would go.</summary>
    private int Find(long sequence)
    {
        if (_messages.Count == 0 || _messages[^1].Sequence < sequence)
        {
            return ~_messages.Count;
        }

        int low = 0, high = _messages.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var at = _messages[mid].Sequence;
            if (at == sequence)
            {
                return mid;
            }

            if (at < sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
