namespace ActorBroker.Broker.Streams;

/// <summary>A consumer group of one stream (one partition of a super stream) as the management API shows it.</summary>
/// <param name="Group">The <c>x-consumer-group</c> name.</param>
/// <param name="CommittedOffset">Every offset below it is acknowledged by the group, durably: a restart resumes here.</param>
/// <param name="Lag">Messages written and not yet acknowledged by the group: the stream's next offset less the committed one.</param>
/// <param name="Members">Consumers of the group on this stream.</param>
/// <param name="ActiveConsumer">The tag of the one member receiving, or null when none is.</param>
public sealed record ConsumerGroupInfo(string Group, long CommittedOffset, long Lag, int Members, string? ActiveConsumer);
