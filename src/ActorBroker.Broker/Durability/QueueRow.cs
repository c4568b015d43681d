using ActorBroker.Persistence.Plugin;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// One journal event of a durable queue: the records of a flush, or of a part of one about
/// <see cref="QueueJournal"/>'s row size. A busy queue gathers hundreds of records per flush, and one event instead
/// of hundreds is what makes a commit cheap. Written by <see cref="BrokerRecordSerializer"/> as
/// <see cref="QueueRecord.BatchManifest"/>.
/// </summary>
internal sealed record QueueRow(List<QueueRecord> Records) : ICommittedCallback
{
    /// <summary>The write this row ends (its last row), whose confirms may be settled the moment it commits; not journaled.</summary>
    public QueueWrite? Ends { get; init; }

    public void OnCommitted() => Ends?.SettleConfirms(failure: null);
}
