using System.Text.Json;
using ActorBroker.Hocon;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Server.Cluster;
using ActorBroker.Server.Management.Definitions;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Microsoft.Extensions.DependencyInjection;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorBroker.Server.Hosting;

/// <summary>
/// Hands the node's resolved HOCON to Akka: the project's parser reads the file (includes, substitutions,
/// environment overrides; Akka's own parser fails parts of the spec), and the resolved <c>akka</c> section
/// goes to Akka as JSON, which is valid HOCON. So dispatchers, remoting and later cluster and persistence
/// are tuned in the same file, and <c>actorbroker config print</c> shows what Akka runs with.
/// </summary>
internal static class AkkaNodeConfig
{
    public const string ActorSystemName = "actorbroker";

    /// <summary>The <c>akka</c> section of <paramref name="config"/> as Akka's config; empty when the file has none.</summary>
    public static Akka.Configuration.Config From(ActorBroker.Hocon.Config config) =>
        config.HasPath("akka")
            ? ConfigurationFactory.ParseString("akka = " + config.GetConfig("akka").ToJson(indented: false))
            : Akka.Configuration.Config.Empty;

    /// <summary>Where Akka.Remote listens: akka.remote.dot-netty.tcp's hostname and port, as configured.</summary>
    public static string RemoteEndPoint(ActorBroker.Hocon.Config config) =>
        $"{config.GetString("akka.remote.dot-netty.tcp.hostname", "")}:{config.GetInt("akka.remote.dot-netty.tcp.port", 0)}";

    /// <summary>akka.cluster.roles as configured, plus the role naming this node (<see cref="NodeRole"/>).</summary>
    public static Akka.Configuration.Config ClusterRoles(ActorBroker.Hocon.Config config, string nodeName)
    {
        var roles = config.GetStringList("akka.cluster.roles", []).Append(NodeRole.For(nodeName));
        return ConfigurationFactory.ParseString("akka.cluster.roles = " + JsonSerializer.Serialize(roles));
    }

    /// <summary>
    /// The reference configs of both persistence plugins the node carries, below the node's own settings: without
    /// them Akka.Persistence cannot find a plugin's class nor the defaults of the settings broker.conf leaves out.
    /// </summary>
    public static Akka.Configuration.Config PersistencePluginDefaults { get; } =
        GroupCommitPersistence.DefaultConfig.WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>
    /// Akka.Cluster.Tools' serializers and defaults (the distributed pub-sub under the ClusterClientReceptionist, the
    /// receptionist, the cluster singleton), and those of sharding and the distributed data its coordinator keeps,
    /// from the start: each extension binds its serializer only when first used, and a message of another node's
    /// extension could arrive before ("cannot find serializer with id 9", or 12 from a peer's replicator).
    /// </summary>
    public static Akka.Configuration.Config ClusterToolsDefaults { get; } = DistributedPubSub.DefaultConfig()
        .WithFallback(ClusterClientReceptionist.DefaultConfig())
        .WithFallback(ClusterSingleton.DefaultConfig())
        .WithFallback(ClusterSharding.DefaultConfig())
        .WithFallback(DistributedData.DefaultConfig());

    /// <summary>
    /// Adds the node's ActorSystem, hosted by Akka.Hosting: it starts before the broker's services and is shut
    /// down through its CoordinatedShutdown (which leaves the cluster first). Akka's log events go to the node's log
    /// at the node's level. The system is a cluster member named by its <see cref="NodeRole"/>, and answers the other
    /// members' questions about it through its <see cref="NodeInfoActor"/> and <see cref="ConnectionsActor"/>, and keeps the
    /// cluster's users with its <see cref="UserReplica"/>.
    /// </summary>
    public static IServiceCollection AddNodeActorSystem(this IServiceCollection services, ActorBroker.Hocon.Config config, string nodeName, LogLevel level) =>
        services.AddSingleton<NodeDescription>().AddSingleton<ClusterNodes>().AddSingleton<LocalConnections>().AddSingleton<ClusterConnections>().AddAkka(ActorSystemName, akka => akka
            .AddHocon(ClusterRoles(config, nodeName).WithFallback(From(config)), HoconAddMode.Prepend)
            .AddHocon(PersistencePluginDefaults, HoconAddMode.Append)
            .AddHocon(ClusterToolsDefaults, HoconAddMode.Append)
            .WithActors((system, _, resolver) =>
            {
                system.ActorOf(Props.Create(() => new NodeInfoActor(resolver.GetService<NodeDescription>())), NodeInfoActor.Name);
                system.ActorOf(Props.Create(() => new ConnectionsActor(resolver.GetService<LocalConnections>())), ConnectionsActor.Name);
                var users = resolver.GetService<UserStore>();
                users.ReplicateThrough(system);
                system.ActorOf(Props.Create(() => new UserReplica(users)), UserReplica.Name);
            })
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = ToAkka(level);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            }));

    private static AkkaLogLevel ToAkka(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => AkkaLogLevel.DebugLevel,
        LogLevel.Information => AkkaLogLevel.InfoLevel,
        LogLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };
}
