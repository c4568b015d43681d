using ActorBroker.Broker.Client;
using ActorBroker.Client.Serialization;
using Akka.Actor;

namespace ActorBroker.Broker.Gateway;

/// <summary>Starts the gateway through which Akka clients use a broker.</summary>
public static class BrokerGateways
{
    /// <summary>
    /// Starts <paramref name="broker"/>'s gateway in its ActorSystem at <see cref="BrokerGateway.Path"/>, with the client
    /// protocol's serializer bound. In a cluster it registers with the ClusterClientReceptionist once the node is up.
    /// </summary>
    public static IActorRef StartGateway(this MessageBroker broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ClientSerialization.Register(broker.System);
        return broker.System.ActorOf(Props.Create(() => new BrokerGateway(broker)), BrokerGateway.Name);
    }
}
