namespace ActorBroker.Client;

/// <summary>What becomes of a delivery.</summary>
public enum SettlementKind : byte
{
    /// <summary>Processed: the broker forgets the message.</summary>
    Ack = 1,

    /// <summary>Back to its place in the queue, delivered again flagged redelivered.</summary>
    Requeue = 2,

    /// <summary>Dead-lettered with reason <c>rejected</c> (dropped when the queue has no dead-letter exchange).</summary>
    Reject = 3,
}

/// <summary>A consumer's answer to a <see cref="BrokerDelivery"/>: send it to the delivery's sender.</summary>
public sealed record DeliverySettlement(ulong DeliveryTag, SettlementKind Kind);
