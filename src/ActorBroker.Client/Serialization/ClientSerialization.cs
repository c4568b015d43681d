using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client.Serialization;

/// <summary>
/// Binds the protocol's messages to <see cref="ClientProtocolSerializer"/> in an ActorSystem: the client does it when
/// it connects and the gateway when it starts, so neither side's config can forget it and let Akka's default
/// (reflection-based JSON) serializer carry them.
/// </summary>
/// <remarks>
/// The bindings go into the system's config as a fallback, not only into its current serialization: Akka rebuilds
/// its serialization from config when an extension injects its own fallback, and a mapping added in code alone is
/// then lost.
/// </remarks>
internal static class ClientSerialization
{
    public static IReadOnlyList<Type> MessageTypes { get; } =
    [
        typeof(Publish), typeof(Confirm), typeof(BrokerDelivery), typeof(DeliverySettlement), typeof(Subscribe),
        typeof(Unsubscribe), typeof(ConsumerFailed), typeof(Get), typeof(GetReply), typeof(Request), typeof(OpenSession),
        typeof(SessionOpened), typeof(DeclareQueue), typeof(DeleteQueue), typeof(PurgeQueue), typeof(DeclareExchange),
        typeof(DeleteExchange), typeof(ChangeBinding), typeof(QueueDeclared), typeof(Count), typeof(Failed), typeof(Done), typeof(SubscriptionCancelled),
        typeof(AckWithOutputs), typeof(TransactionCommitted), typeof(TransactionFailed),
    ];

    private static Config Bindings { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.actorbroker-client = "{{NameOf(typeof(ClientProtocolSerializer))}}"
          serialization-bindings {
            {{string.Join("\n", MessageTypes.Select(t => $"\"{NameOf(t)}\" = actorbroker-client"))}}
          }
        }
        """);

    public static void Register(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.Settings.InjectTopLevelFallback(Bindings);
    }

    // Type and assembly without version: both sides may run different builds of the client.
    private static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
