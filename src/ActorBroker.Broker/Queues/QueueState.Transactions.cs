namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>Whether <paramref name="deliveryTag"/> is an outstanding delivery of <paramref name="channelId"/> (a transaction checks all its acks before taking any).</summary>
    internal bool IsUnackedBy(long channelId, ulong deliveryTag) =>
        _unacked.TryGetValue(deliveryTag, out var unacked) && unacked.ChannelId == channelId;
}
