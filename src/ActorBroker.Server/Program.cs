using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;
using Microsoft.Extensions.Hosting;

IHost host;
try
{
    host = NodeHost.Build(ConfigFactory.Load(ConfigLocator.Locate(args)));
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
    catch (NodeStartException e)
    {
        await Console.Error.WriteLineAsync($"actorbroker node: cannot start: {e.Message}").ConfigureAwait(false);
        return 1;
    }
}

return 0;
