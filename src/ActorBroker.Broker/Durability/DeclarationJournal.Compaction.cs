using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Broker.Durability;

internal sealed partial class DeclarationJournal
{
    private int _changesSinceSnapshot;
    private int _compacting;

    /// <summary>
    /// Reads the host's declaration journal: the newest topology snapshot, then the records after it. An
    /// unreadable record is quarantined and skipped; an unreadable snapshot fails the recovery, naming it.
    /// </summary>
    public static async Task<DeclarationJournal> RecoverAsync(string virtualHost, BrokerDurability durability)
    {
        var persistence = durability.Persistence;
        var persistenceId = PersistenceIdOf(virtualHost);
        var snapshot = await persistence.Snapshots.LoadSnapshotAsync(persistenceId, long.MaxValue).ConfigureAwait(false);
        var topology = snapshot is null ? new DurableTopology() : DecodeSnapshot(snapshot);
        await foreach (var row in persistence.Journal.ReplayAsync(persistenceId, (snapshot?.SequenceNr ?? 0) + 1, long.MaxValue).ConfigureAwait(false))
        {
            if (row is not ReplayedEvent { Event: var stored })
            {
                continue;
            }

            try
            {
                topology.Apply(DeclarationRecord.Decode(stored.Manifest, stored.Payload), stored.SequenceNr);
            }
            catch (InvalidDataException bad)
            {
                await persistence.Journal.QuarantineAsync(persistenceId, stored.SequenceNr, bad.Message).ConfigureAwait(false);
            }
        }

        var highest = await persistence.Journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
        return new DeclarationJournal(virtualHost, durability, topology, highest);
    }

    private static DurableTopology DecodeSnapshot(SnapshotRecord snapshot)
    {
        try
        {
            return DurableTopology.DecodeSnapshot(snapshot.Manifest, snapshot.Payload);
        }
        catch (InvalidDataException bad)
        {
            throw new InvalidDataException($"The topology snapshot of {snapshot.PersistenceId} at sequence number {snapshot.SequenceNr} cannot be read: {bad.Message}", bad);
        }
    }

    /// <summary>
    /// Compaction: every <see cref="BrokerDurability.SnapshotEvery"/> changes, the topology as of the change just
    /// written is saved as a snapshot once that change is durable, and the records up to it are deleted. The
    /// journal thus holds at most one interval of records beside one snapshot, however many queues, exchanges
    /// and bindings come and go. A failed compaction leaves the journal complete; the next interval tries again.
    /// </summary>
    private void CompactIfDue(long sequenceNr, Task written)
    {
        if (++_changesSinceSnapshot < Durability.SnapshotEvery || Interlocked.CompareExchange(ref _compacting, 1, 0) != 0)
        {
            return;
        }

        _changesSinceSnapshot = 0;
        var snapshot = new SnapshotRecord(PersistenceId, sequenceNr, DurableTopology.SnapshotManifest, Topology.EncodeSnapshot(), DateTimeOffset.UtcNow);
        var persistence = Durability.Persistence;
        _ = Task.Run(async () =>
        {
            try
            {
                await written.ConfigureAwait(false);
                await persistence.Snapshots.SaveSnapshotAsync(snapshot).ConfigureAwait(false);
                await persistence.Journal.DeleteUpToAsync(snapshot.PersistenceId, sequenceNr).ConfigureAwait(false);
                await persistence.Snapshots.DeleteSnapshotsAsync(snapshot.PersistenceId, sequenceNr - 1).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The write or the store failed: the records are all still there, and the next interval compacts them.
            }
            finally
            {
                Volatile.Write(ref _compacting, 0);
            }
        });
    }
}
