using ActorBroker.Server.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>GET /api/nodes: every member of the cluster, with its resources and alarms; answers while the node recovers too (ready: false).</summary>
internal static class NodeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/nodes", async ([FromServices] ClusterNodes nodes) => ApiJson.Ok(await nodes.ListAsync().ConfigureAwait(false)));
}
