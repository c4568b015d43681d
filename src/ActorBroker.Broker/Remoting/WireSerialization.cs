using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Replication;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// Binds the channel–queue protocol to <see cref="QueueWireSerializer"/> and the topology replication protocol to
/// <see cref="TopologyWireSerializer"/> in the broker's ActorSystem, so that a message to a queue, channel or
/// virtual host on another node never falls back to Akka's reflection-based JSON.
/// </summary>
internal static class WireSerialization
{
    private static Config Bindings { get; } =
        BrokerSerialization.BindingsOf("actorbroker-wire", typeof(QueueWireSerializer), QueueWireSerializer.Types)
            .WithFallback(BrokerSerialization.BindingsOf("actorbroker-topology", typeof(TopologyWireSerializer), TopologyWireSerializer.Types));

    public static void Register(ActorSystem system) => system.Settings.InjectTopLevelFallback(Bindings);
}
