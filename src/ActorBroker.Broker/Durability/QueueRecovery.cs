using ActorBroker.Broker.Queues;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Durability;

/// <summary>Rebuilds a durable queue from its newest snapshot and the rows after it.</summary>
internal static class QueueRecovery
{
    /// <summary>
    /// Restores the queue's persistent messages into <paramref name="state"/> (ready, in enqueue order, with
    /// their delivery counts) and returns the journal to go on with. Every message comes back paged out: only
    /// the index is built, and the read-ahead brings the first bodies once the queue runs. An unreadable row is
    /// quarantined and skipped, so one bad row does not keep the queue from starting. After a crash every message
    /// comes back counted as delivered at least once (see <see cref="BrokerDurability.RecoveredAfterCrash"/>).
    /// </summary>
    public static async Task<QueueJournal> RecoverAsync(string persistenceId, BrokerDurability durability, QueueState state)
    {
        var persistence = durability.Persistence;
        var snapshot = await persistence.Snapshots.LoadSnapshotAsync(persistenceId, long.MaxValue).ConfigureAwait(false);
        var (lastSequence, rows, messages) = snapshot is null ? (0, new RowIndex(), []) : QueueSnapshot.Decode(snapshot.Manifest, snapshot.Payload);
        var snapshotSequenceNr = snapshot?.SequenceNr ?? 0;
        var removed = new List<bool>(new bool[messages.Count]);

        var replay = persistence.Journal.ReplayAsync(persistenceId, snapshotSequenceNr + 1, long.MaxValue);
        await foreach (var row in replay.ConfigureAwait(false))
        {
            if (row is not ReplayedEvent { Event: var stored })
            {
                continue;
            }

            List<QueueRecord> records;
            try
            {
                records = QueueRecord.DecodeBatch(stored.Manifest, stored.Payload);
            }
            catch (InvalidDataException bad)
            {
                await persistence.Journal.QuarantineAsync(persistenceId, stored.SequenceNr, bad.Message).ConfigureAwait(false);
                continue;
            }

            Apply(records, stored.SequenceNr, state, rows, messages, removed);
        }

        var highest = await persistence.Journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
        if (durability.RecoveredAfterCrash && removed.Contains(false))
        {
            // Journaled, so the flags survive a clean stop and restart that follows before these messages are delivered.
            List<QueueRecord> crashed = [new QueueRecord.Crashed()];
            var row = new JournalEvent(++highest, QueueRecord.BatchManifest, QueueRecord.EncodeBatch(crashed), DateTimeOffset.UtcNow);
            await persistence.Writer.WriteAsync(new AtomicWrite(persistenceId, row)).ConfigureAwait(false);
            Apply(crashed, highest, state, rows, messages, removed);
        }

        lastSequence = Math.Max(lastSequence, rows.Count > 0 ? rows.Entries[^1].Last : 0);
        state.ContinueAfter(lastSequence);
        var count = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (!removed[i])
            {
                state.RestorePagedOut(messages[i]);
                count++;
            }
        }

        var journal = new QueueJournal(persistenceId, persistence, durability, new DurableMessages { Count = count }, highest);
        journal.RestoreRows(rows, lastSequence);
        journal.StartAfterSnapshot(snapshotSequenceNr);
        return journal;
    }

    /// <summary>
    /// Applies one row's records to the index. Records about messages it does not hold are ignored (see
    /// <see cref="QueueRecord"/>); the body of an Enqueued record is not kept.
    /// </summary>
    private static void Apply(List<QueueRecord> records, long row, QueueState state, RowIndex rows, List<QueuedMessage> messages, List<bool> removed)
    {
        long first = 0, last = 0;
        foreach (var record in records)
        {
            switch (record)
            {
                case QueueRecord.Enqueued enqueued when Find(messages, enqueued.Sequence) < 0:
                    // Rows enqueue in sequence order, so a new message always goes at the end.
                    messages.Add(state.PagedOutStub(enqueued.Sequence, enqueued.Message, enqueued.EnqueuedAt));
                    removed.Add(false);
                    first = first == 0 ? enqueued.Sequence : first;
                    last = enqueued.Sequence;
                    break;
                case QueueRecord.Delivered delivered when Find(messages, delivered.Sequence) is var index and >= 0:
                    messages[index].DeliveryCount = Math.Max(messages[index].DeliveryCount, delivered.DeliveryCount);
                    break;
                case QueueRecord.Removed gone:
                    foreach (var sequence in gone.Sequences)
                    {
                        if (Find(messages, sequence) is var index and >= 0)
                        {
                            removed[index] = true;
                        }
                    }

                    break;
                case QueueRecord.Crashed:
                    foreach (var message in messages)
                    {
                        message.DeliveryCount = Math.Max(message.DeliveryCount, 1);
                    }

                    break;
            }
        }

        if (first != 0)
        {
            rows.Add(first, last, row);
        }
    }

    private static int Find(List<QueuedMessage> messages, long sequence)
    {
        if (messages.Count == 0 || messages[^1].Sequence < sequence)
        {
            return -1;
        }

        int low = 0, high = messages.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var at = messages[mid].Sequence;
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

        return -1;
    }
}
