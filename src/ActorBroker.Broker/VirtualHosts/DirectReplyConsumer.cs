using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>A channel's direct reply-to consumer, found by its reply address.</summary>
internal sealed record DirectReplyConsumer(string Address, string ConsumerTag, IActorRef Channel, long ChannelId);
