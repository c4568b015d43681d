using ActorBroker.Hocon;
using ActorBroker.Server.Alarms;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Listeners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

NodeSettings settings;
(AmqpListenerSettings Listener, ConfiguredUsers Users) amqp;
AlarmSettings alarms;
try
{
    var configFile = ConfigLocator.Locate(args);
    var config = ConfigFactory.Load(configFile);
    settings = NodeSettings.From(config);
    amqp = (AmqpListenerSettings.From(config), ConfiguredUsers.From(config));
    alarms = AlarmSettings.From(config);
}
catch (Exception e) when (e is ConfigException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"actorbroker node: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

var builder = Host.CreateApplicationBuilder();
builder.Services.AddSingleton(settings);
builder.Services.AddResourceAlarms(alarms);
builder.Services.AddBrokerNodeWithAmqp(amqp.Listener, amqp.Users);
using var host = builder.Build();
try
{
    await host.RunAsync().ConfigureAwait(false);
}
catch (NodeStartException e)
{
    await Console.Error.WriteLineAsync($"actorbroker node: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

return 0;
