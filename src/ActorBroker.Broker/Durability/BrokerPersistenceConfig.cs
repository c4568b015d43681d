using Akka.Configuration;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The Akka settings the broker's persistent actors need in any ActorSystem that runs a durable broker: the
/// binary serializer of its records. Add it as a fallback to the system's config.
/// </summary>
public static class BrokerPersistenceConfig
{
    public static Config Default { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.actorbroker-records = "{{NameOf(typeof(BrokerRecordSerializer))}}"
          serialization-bindings {
            "{{NameOf(typeof(VirtualHostRecord))}}" = actorbroker-records
            "{{NameOf(typeof(DeclarationRecord))}}" = actorbroker-records
            "{{NameOf(typeof(Policies.PolicyRecord))}}" = actorbroker-records
            "{{NameOf(typeof(TopologySnapshot))}}" = actorbroker-records
          }
        }
        """);

    // Type and assembly without version: a binding survives an upgrade of the broker.
    private static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
