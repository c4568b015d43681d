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
    long DeadLettered)
{
    /// <summary>Ready messages whose body is in memory (a durable queue keeps a bounded window of them).</summary>
    public int InMemoryBodies { get; init; }

    /// <summary>Ready messages whose body is only in the journal, read back before delivery.</summary>
    public int PagedOut { get; init; }
}
