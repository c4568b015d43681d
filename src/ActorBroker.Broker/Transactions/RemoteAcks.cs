namespace ActorBroker.Broker.Transactions;

/// <summary>
/// The acks a cross-queue transaction took in another queue than the one holding its commit record: that queue
/// by name, its journal (a queue deleted and declared again has another, and must not lose messages of the same
/// sequences) and the sequences of the acked messages (delivery tags die with the node, sequences do not).
/// </summary>
internal sealed record RemoteAcks(string Queue, string? PersistenceId, long[] Sequences);
