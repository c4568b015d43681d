namespace ActorBroker.Broker.Queues;

/// <summary>
/// Published on the event stream when a queue receives an ack or nack for a delivery it already took back
/// (a recover or requeue raced with it). Nothing is lost; it is visible for diagnosis.
/// </summary>
public sealed record StaleSettlement(string Queue, object Settlement);
