using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Transactions;

/// <summary>A basic.publish held by a transaction until its commit.</summary>
public sealed record TransactionPublish(string Exchange, string RoutingKey, ReadOnlyMemory<byte> Body, BasicProperties Properties, bool Mandatory);
