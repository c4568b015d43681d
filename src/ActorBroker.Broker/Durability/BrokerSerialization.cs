using ActorBroker.Broker.Policies;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Binds the broker's journal records and snapshots to <see cref="BrokerRecordSerializer"/> in an ActorSystem.
/// Done in code when a durable broker starts, so a host's config cannot forget it and let Akka's default
/// (reflection-based JSON) serializer write the journal.
/// </summary>
internal static class BrokerSerialization
{
    public static void Register(ActorSystem system)
    {
        var serialization = system.Serialization;
        var serializer = new BrokerRecordSerializer((ExtendedActorSystem)system);
        serialization.AddSerializer("actorbroker-records", serializer);
        foreach (var type in new[] { typeof(VirtualHostRecord), typeof(DeclarationRecord), typeof(PolicyRecord), typeof(TopologySnapshot) })
        {
            serialization.AddSerializationMap(type, serializer);
        }
    }
}
