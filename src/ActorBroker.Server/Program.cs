using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

NodeSettings settings;
try
{
    var configFile = ConfigLocator.Locate(args);
    settings = NodeSettings.From(ConfigFactory.Load(configFile));
}
catch (Exception e) when (e is ConfigException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"actorbroker node: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

var builder = Host.CreateApplicationBuilder();
builder.Services.AddSingleton(settings);
builder.Services.AddHostedService<BrokerNodeService>();
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
