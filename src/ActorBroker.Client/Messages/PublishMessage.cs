namespace ActorBroker.Client;

/// <summary>A message for a publisher actor (<see cref="BrokerClient.CreatePublisherAsync"/>) to publish with confirm.</summary>
public sealed record PublishMessage(string Exchange, string RoutingKey, ReadOnlyMemory<byte> Body, MessageProperties? Properties = null, bool Mandatory = false);

/// <summary>
/// A publisher actor's answer to the sender of a <see cref="PublishMessage"/>: the broker confirmed it (accepted by
/// every queue it was routed to), or one queue refused it, or it failed with <see cref="Error"/>.
/// </summary>
public sealed record PublishConfirmed(PublishMessage Message, bool Accepted, BrokerClientException? Error = null);
