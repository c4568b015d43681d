namespace ActorBroker.Broker.Queues;

/// <summary>An outstanding delivery. The consumer may be gone (cancelled): the channel still owns the delivery.</summary>
internal readonly record struct Unacked(QueuedMessage Message, long ChannelId, ConsumerState? Consumer);
