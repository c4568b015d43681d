namespace ActorBroker.Client;

/// <summary>
/// The broker ended a subscription by itself, because its queue (or stream, or a partition of its super stream) was
/// deleted, or because its queue was lost with its cluster node and another node now serves it (subscribe again to
/// go on), as AMQP's consumer cancel notification tells a consumer. It is the consumer actor's last message: the
/// actor stops after it, and the client does not subscribe it again.
/// </summary>
/// <param name="ConsumerTag">The subscription's consumer tag.</param>
/// <param name="Queue">The queue whose deletion or move ended it.</param>
public sealed record SubscriptionCancelled(string ConsumerTag, string Queue);
