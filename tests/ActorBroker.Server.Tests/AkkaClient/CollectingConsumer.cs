using System.Threading.Channels;
using ActorBroker.Client;
using Akka.Actor;

namespace ActorBroker.Server.Tests.AkkaClient;

/// <summary>A consumer actor that writes each delivery to a channel the test reads, and acks it.</summary>
internal sealed class CollectingConsumer : ReceiveActor
{
    public CollectingConsumer(ChannelWriter<BrokerDelivery> deliveries) =>
        Receive<BrokerDelivery>(delivery =>
        {
            deliveries.TryWrite(delivery);
            Sender.Tell(delivery.Ack());
        });
}

/// <summary>A consumer actor that counts its attempts into a channel and throws on every delivery.</summary>
internal sealed class AlwaysThrowingConsumer : ReceiveActor
{
    public AlwaysThrowingConsumer(ChannelWriter<int> attempts) =>
        Receive<BrokerDelivery>(delivery =>
        {
            attempts.TryWrite(delivery.DeliveryCount);
            throw new InvalidOperationException("this consumer cannot process anything");
        });
}
