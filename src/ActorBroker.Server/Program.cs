using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;
using Microsoft.Extensions.Hosting;

Config config;
IHost host;
try
{
    config = ConfigFactory.Load(ConfigLocator.Locate(args));
    host = NodeHost.Build(config);
}
catch (Exception e) when (e is ConfigException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"actorbroker node: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

using (host)
{
    try
    {
        await host.RunAsync().ConfigureAwait(false);
    }
    catch (Exception e) when (NodeStartException.Explain(e, config) is { } failure)
    {
        await Console.Error.WriteLineAsync($"actorbroker node: cannot start: {failure.Message}").ConfigureAwait(false);
        return 1;
    }
}

return 0;
