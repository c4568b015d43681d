using ActorBroker.Hocon;
using ActorBroker.Persistence.Plugin;
using Akka.Configuration;
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

    /// <summary>
    /// The reference configs of both persistence plugins the node carries, below the node's own settings: without
    /// them Akka.Persistence cannot find a plugin's class nor the defaults of the settings broker.conf leaves out.
    /// </summary>
    public static Akka.Configuration.Config PersistencePluginDefaults { get; } =
        GroupCommitPersistence.DefaultConfig.WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>
    /// Adds the node's ActorSystem, hosted by Akka.Hosting: it starts before the broker's services and is shut
    /// down through its CoordinatedShutdown. Akka's log events go to the node's log at the node's level.
    /// </summary>
    public static IServiceCollection AddNodeActorSystem(this IServiceCollection services, ActorBroker.Hocon.Config config, LogLevel level) =>
        services.AddAkka(ActorSystemName, akka => akka
            .AddHocon(From(config), HoconAddMode.Prepend)
            .AddHocon(PersistencePluginDefaults, HoconAddMode.Append)
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
