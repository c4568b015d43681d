using ActorBroker.Broker.Durability;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// Binds the channel–queue protocol to <see cref="QueueWireSerializer"/> in the broker's ActorSystem, so that a
/// message to a queue or channel on another node never falls back to Akka's reflection-based JSON.
/// </summary>
internal static class WireSerialization
{
    private static Config Bindings { get; } =
        BrokerSerialization.BindingsOf("actorbroker-wire", typeof(QueueWireSerializer), QueueWireSerializer.Types);

    public static void Register(ActorSystem system) => system.Settings.InjectTopLevelFallback(Bindings);
}
