using ActorBroker.Hocon;
using ActorBroker.Server.Alarms;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Logging;
using ActorBroker.Server.Management;
using ActorBroker.Server.Management.Definitions;
using ActorBroker.Server.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBroker.Server.Hosting;

/// <summary>The wiring of a node: its services, in the order they start. The node process and in-process tests use it alike.</summary>
internal static class NodeHost
{
    /// <summary>Builds a node host from its config; <paramref name="configure"/> may adjust the builder (tests set logging).</summary>
    /// <exception cref="ConfigException">A setting is missing or has the wrong type.</exception>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static IHost Build(Config config, Action<HostApplicationBuilder>? configure = null)
    {
        var settings = NodeSettings.From(config);
        var listener = AmqpListenerSettings.From(config);
        var users = UserStore.Open(settings.DataDirectory, ConfiguredUsers.From(config));
        var alarms = AlarmSettings.From(config);
        var management = ManagementSettings.From(config);
        var logging = LoggingSettings.From(config);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddNodeLogging(logging);
        builder.Services.AddNodeMetrics();
        builder.Services.AddSingleton(settings);
        builder.Services.AddResourceAlarms(alarms);
        // Before the broker: the management API answers (health: recovering) while the broker recovers.
        builder.Services.AddManagement(management);
        builder.Services.AddSingleton(users);
        builder.Services.AddNodeActorSystem(config, settings.NodeName, logging.Level);
        builder.Services.AddBrokerNodeWithAmqp(listener, users.Users);
        builder.Services.AddHostedService<DefaultPasswordCheck>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
