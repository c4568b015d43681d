using System.Reflection;
using ActorBroker.Amqp.Server;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Cluster;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>GET /api/overview and /api/whoami.</summary>
internal static class OverviewEndpoints
{
    /// <summary>The node's version, from its assembly (without the source revision suffix).</summary>
    public static string Version { get; } = ReadVersion();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/overview", OverviewAsync);
        api.MapGet("/whoami", (HttpContext context) =>
        {
            var user = context.User();
            return ApiJson.Ok(new WhoAmI(user.Name, user.Tags));
        });
    }

    private static async Task<IResult> OverviewAsync(NodeReadiness readiness, NodeSettings node, AmqpConnectionRegistry connections, [FromServices] ClusterNodes cluster)
    {
        var admin = readiness.RequireBroker().Admin;
        var hosts = await admin.ListVirtualHostsAsync().ConfigureAwait(false);
        var queues = await admin.QueuesAsync(null).ConfigureAwait(false);
        var exchanges = await admin.ExchangesAsync(null).ConfigureAwait(false);
        var bindings = await admin.BindingsAsync(null).ConfigureAwait(false);
        var clients = connections.ListConnections();
        return ApiJson.Ok(new Overview(
            node.NodeName,
            Version,
            cluster.SelfAddress,
            readiness.Uptime.TotalSeconds,
            new MessageTotals(queues.Sum(q => q.TotalMessages()), queues.Sum(q => (long)q.Ready), queues.Sum(q => (long)q.Unacked)),
            new MessageRates(queues.Sum(q => q.PublishRate), queues.Sum(q => q.DeliverRate), queues.Sum(q => q.AckRate)),
            new ObjectCounts(hosts.Count, queues.Count, exchanges.Count, bindings.Count, queues.Sum(q => q.Consumers), clients.Count, clients.Sum(c => c.Channels))));
    }

    private static string ReadVersion()
    {
        var version = typeof(OverviewEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
