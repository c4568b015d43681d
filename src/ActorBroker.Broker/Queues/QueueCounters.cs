namespace ActorBroker.Broker.Queues;

/// <summary>A queue's sizes and its lifetime counters; rates come from the difference of two readings.</summary>
public sealed record QueueCounters(
    int Ready,
    int Unacked,
    int Delayed,
    int Consumers,
    long ReadyBytes,
    long Published,
    long Delivered,
    long Redelivered,
    long Acked,
    long DeadLettered);
