using System.Reflection;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>GET /api/overview and /api/whoami.</summary>
internal static class OverviewEndpoints
{
    /// <summary>The node's version, from its assembly (without the source revision suffix).</summary>
    public static string Version { get; } = ReadVersion();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/overview", (NodeReadiness readiness, NodeSettings node) =>
        {
            readiness.RequireBroker();
            return ApiJson.Ok(new Overview(
                node.NodeName,
                Version,
                readiness.Uptime.TotalSeconds,
                new MessageTotals(0, 0, 0),
                new MessageRates(0, 0, 0),
                new ObjectCounts(0, 0, 0, 0, 0, 0, 0)));
        });

        api.MapGet("/whoami", (HttpContext context) =>
        {
            var user = context.User();
            return ApiJson.Ok(new WhoAmI(user.Name, user.Tags));
        });
    }

    private static string ReadVersion()
    {
        var version = typeof(OverviewEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
