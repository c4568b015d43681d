using Akka.Cluster.Sharding;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Entity and shard of the region's messages: the entity id names the queue's declaration (<see cref="QueueEntityId"/>),
/// the shard is a stable hash of it, so the entity a remembered shard restarts (<c>ShardRegion.StartEntity</c>,
/// which carries only the entity id) lands in the shard that remembered it.
/// </summary>
internal sealed class QueueEntityExtractor(int shards) : IMessageExtractor
{
    // Sharding's own StartEntity is routed by Akka through ShardId(entityId) below.
    public string? EntityId(object message) => message is QueueEntityProtocol.Start start ? start.EntityId : null;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } entityId ? ShardId(entityId) : null;

    public string ShardId(string entityId, object? messageHint = null) => Broker.Sharding.ShardId.Of(entityId, shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
