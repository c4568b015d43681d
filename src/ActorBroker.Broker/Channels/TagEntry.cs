using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>What a channel delivery tag stands for: a delivery tag of one queue, and whether it is settled.</summary>
internal struct TagEntry(IActorRef queue, ulong queueTag, bool settled)
{
    public IActorRef Queue { get; } = queue;

    public ulong QueueTag { get; } = queueTag;

    public bool Settled { get; set; } = settled;
}
