namespace ActorBroker.Broker.Durability;

internal sealed partial class DeclarationJournal
{
    private int _changesSinceSnapshot;

    /// <summary>
    /// Compaction: every <see cref="BrokerDurability.SnapshotEvery"/> changes, the topology as of the change just
    /// applied is frozen; once that change is durable the journal saves it as a snapshot and deletes the records
    /// up to it. The journal thus holds about one interval of records beside one snapshot, however many queues,
    /// exchanges and bindings come and go. A skipped or failed compaction leaves the journal complete; the next
    /// interval tries again.
    /// </summary>
    private TopologySnapshot? SnapshotIfDue()
    {
        if (++_changesSinceSnapshot < Durability.SnapshotEvery)
        {
            return null;
        }

        _changesSinceSnapshot = 0;
        return TopologySnapshot.Of(Topology);
    }
}
