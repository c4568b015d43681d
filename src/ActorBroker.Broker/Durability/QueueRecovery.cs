using ActorBroker.Broker.Queues;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Durability;

/// <summary>Rebuilds a durable queue from its newest snapshot and the events after it.</summary>
internal static class QueueRecovery
{
    /// <summary>
    /// Restores the queue's persistent messages into <paramref name="state"/> (ready, in enqueue order, with
    /// their delivery counts) and returns the journal to go on with. An unreadable row is quarantined and
    /// skipped, so one bad row does not keep the queue from starting.
    /// </summary>
    public static async Task<QueueJournal> RecoverAsync(string persistenceId, BrokerDurability durability, QueueState state)
    {
        var persistence = durability.Persistence;
        var messages = new DurableMessages();
        var snapshot = await persistence.Snapshots.LoadSnapshotAsync(persistenceId, long.MaxValue).ConfigureAwait(false);
        var snapshotSequenceNr = 0L;
        if (snapshot is not null)
        {
            QueueSnapshot.Decode(snapshot.Payload, messages);
            snapshotSequenceNr = snapshot.SequenceNr;
        }

        var rows = persistence.Journal.ReplayAsync(persistenceId, snapshotSequenceNr + 1, long.MaxValue);
        await foreach (var row in rows.ConfigureAwait(false))
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

            foreach (var record in records)
            {
                messages.Apply(record);
            }
        }

        foreach (var (sequence, message) in messages.InOrder())
        {
            state.Restore(sequence, message.Message, message.EnqueuedAt, message.DeliveryCount);
        }

        var highest = await persistence.Journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
        var journal = new QueueJournal(persistenceId, persistence, durability, messages, highest);
        journal.StartAfterSnapshot(snapshotSequenceNr);
        return journal;
    }
}
