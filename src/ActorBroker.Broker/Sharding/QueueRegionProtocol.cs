using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Sharding;

internal static class QueueRegionProtocol
{
    /// <summary>Starts the queue's actor in its shard; replies the actor's <see cref="Akka.Actor.IActorRef"/>.</summary>
    public sealed record StartQueue(QueueRuntime Runtime);

    /// <summary>Stops the queue's actor (its consumers are told they were cancelled).</summary>
    public sealed record StopQueue(string Name);
}
