namespace ActorBroker.Amqp.Server;

internal enum SettlementKind : byte
{
    Ack,
    Nack,
}

/// <summary>A consumer's basic.ack, basic.nack or basic.reject, kept as data so a transaction can hold it until commit.</summary>
internal readonly record struct Settlement(SettlementKind Kind, ulong DeliveryTag, bool Multiple, bool Requeue);
