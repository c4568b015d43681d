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
    private static readonly Type[] s_recordTypes = [typeof(VirtualHostRecord), typeof(DeclarationRecord), typeof(PolicyRecord), typeof(TopologySnapshot)];

    /// <summary>Every concrete record type: Akka looks a type added in code up as it is, not through its base type.</summary>
    public static IReadOnlyList<Type> RecordTypes { get; } =
        [.. typeof(BrokerSerialization).Assembly.GetTypes().Where(t => !t.IsAbstract && s_recordTypes.Any(r => r.IsAssignableFrom(t)))];

    public static void Register(ActorSystem system)
    {
        var serialization = system.Serialization;
        var serializer = new BrokerRecordSerializer((ExtendedActorSystem)system);
        serialization.AddSerializer("actorbroker-records", serializer);
        foreach (var type in RecordTypes)
        {
            serialization.AddSerializationMap(type, serializer);
        }
    }
}
