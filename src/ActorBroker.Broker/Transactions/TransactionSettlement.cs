namespace ActorBroker.Broker.Transactions;

/// <summary>A basic.ack (<paramref name="Ack"/>) or basic.nack/reject held by a transaction until its commit.</summary>
public readonly record struct TransactionSettlement(bool Ack, ulong DeliveryTag, bool Multiple, bool Requeue);
