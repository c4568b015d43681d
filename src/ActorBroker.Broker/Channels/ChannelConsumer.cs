using ActorBroker.Broker.Client;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

internal sealed record ChannelConsumer(string Tag, IActorRef Queue, string QueueName, bool AutoAck, Action<Delivery>? Handler, IActorRef? Actor);
