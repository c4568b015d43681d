using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>What a channel delivery tag stands for: a delivery tag of one queue, and whether it is settled.</summary>
internal struct TagEntry(IActorRef queue, ulong queueTag, bool settled)
{
    /// <summary>Nobody once the queue was lost with its node: settling the delivery then tells no one.</summary>
    public IActorRef Queue { get; private set; } = queue;

    public ulong QueueTag { get; } = queueTag;

    public bool Settled { get; set; } = settled;

    /// <summary>The queue is gone and another holds the message again: a settlement is accepted and goes nowhere.</summary>
    public void ForgetQueue() => Queue = ActorRefs.Nobody;
}
