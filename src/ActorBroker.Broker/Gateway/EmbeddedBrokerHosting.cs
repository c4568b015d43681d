using ActorBroker.Broker.Client;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBroker.Broker.Gateway;

/// <summary>
/// Hosts a broker inside an application's own ActorSystem (Akka.Hosting), with no AMQP port: the application uses
/// it through <c>BrokerClient.ConnectToGatewayAsync(system, registry.Get&lt;BrokerGateway&gt;())</c>, the same API
/// as against remote nodes.
/// </summary>
public static class EmbeddedBrokerHosting
{
    /// <summary>
    /// Starts a broker in the ActorSystem (recovering its durable state first when <see cref="BrokerOptions.Durability"/>
    /// is set) and its gateway, registered in the actor registry as <see cref="BrokerGateway"/>. The broker stops with
    /// the system, before it terminates, through CoordinatedShutdown.
    /// </summary>
    public static AkkaConfigurationBuilder WithEmbeddedBroker(this AkkaConfigurationBuilder builder, BrokerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStartup(async (system, registry) =>
        {
            var broker = options?.Durability is null
                ? MessageBroker.Start(system, options)
                : await MessageBroker.StartAsync(system, options).ConfigureAwait(false);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "embedded-broker-stop", async () =>
            {
                await broker.DisposeAsync().ConfigureAwait(false);
                return Akka.Done.Instance;
            });
            registry.Register<BrokerGateway>(broker.StartGateway());
        });
    }
}
