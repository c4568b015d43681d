using ActorBroker.Broker.Delayed;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Schemas;
using ActorBroker.Broker.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Binds the broker's journal records and snapshots to <see cref="BrokerRecordSerializer"/> in an ActorSystem, when
/// a durable broker starts, so a host's config cannot forget it and let Akka's default (reflection-based JSON)
/// serializer write the journal.
/// </summary>
/// <remarks>
/// The bindings go into the system's config as a fallback, not only into its current serialization: Akka rebuilds
/// its serialization from config when an extension (Akka.Persistence itself) injects its own fallback, and a
/// mapping added in code alone is then lost.
/// </remarks>
internal static class BrokerSerialization
{
    private static readonly Type[] s_recordTypes =
    [
        typeof(VirtualHostRecord), typeof(DeclarationRecord), typeof(PolicyRecord), typeof(SchemaRecord), typeof(DelayedRecord),
        typeof(DelayedSnapshot), typeof(TopologySnapshot), typeof(QueueRow), typeof(QueueSnapshotPayload),
        typeof(StreamEntry), typeof(StreamIndexSnapshot), typeof(ConsumerGroupCommitted), typeof(ConsumerGroupOffsetsSnapshot),
    ];

    /// <summary>Every concrete record type.</summary>
    public static IReadOnlyList<Type> RecordTypes { get; } =
        [.. typeof(BrokerSerialization).Assembly.GetTypes().Where(t => !t.IsAbstract && s_recordTypes.Any(r => r.IsAssignableFrom(t)))];

    private static Config Bindings { get; } = BindingsOf("actorbroker-records", typeof(BrokerRecordSerializer), s_recordTypes);

    public static void Register(ActorSystem system) => system.Settings.InjectTopLevelFallback(Bindings);

    /// <summary>The config that binds <paramref name="types"/> (and their subtypes) to <paramref name="serializer"/>.</summary>
    public static Config BindingsOf(string name, Type serializer, IEnumerable<Type> types) => ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.{{name}} = "{{NameOf(serializer)}}"
          serialization-bindings {
            {{string.Join("\n", types.Select(t => $"\"{NameOf(t)}\" = {name}"))}}
          }
        }
        """);

    // Type and assembly without version: a binding survives an upgrade of the broker.
    private static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
