using ActorBroker.Amqp.Server;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// AMQP connections and their channels: list, show, and close one with 320 CONNECTION_FORCED. Connections are those of
/// every node of the cluster; channels those of this node.
/// </summary>
internal static class ConnectionEndpoints
{
    /// <summary>The reply text a client sees when DELETE gives no X-Reason header, as RabbitMQ's management says it.</summary>
    private const string DefaultCloseReason = "Closed via management API";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/connections", async ([FromServices] ClusterConnections connections) =>
            ApiJson.Ok(await connections.ListAsync().ConfigureAwait(false)));
        api.MapGet("/connections/{name}", async ([FromServices] ClusterConnections connections, string name) =>
            ApiJson.Ok(await connections.FindAsync(ApiNames.FromPath(name)).ConfigureAwait(false) ?? throw NotFound(ApiNames.FromPath(name))));
        api.MapDelete("/connections/{name}", CloseAsync);
        api.MapGet("/channels", async (AmqpConnectionRegistry connections) =>
            ApiJson.Ok(ToResources(await connections.ListChannelsAsync().ConfigureAwait(false))));
        api.MapGet("/connections/{name}/channels", async (AmqpConnectionRegistry connections, string name) =>
            ApiJson.Ok(ToResources(await connections.ListChannelsAsync(Require(connections, name).Name).ConfigureAwait(false))));
    }

    private static async Task<IResult> CloseAsync([FromServices] ClusterConnections connections, string name, HttpRequest request)
    {
        var reason = request.Headers["X-Reason"].ToString();
        if (!await connections.TryCloseAsync(ApiNames.FromPath(name), reason.Length > 0 ? reason : DefaultCloseReason).ConfigureAwait(false))
        {
            throw NotFound(ApiNames.FromPath(name));
        }

        return Results.NoContent();
    }

    private static AmqpConnectionInfo Require(AmqpConnectionRegistry connections, string name) =>
        connections.FindConnection(ApiNames.FromPath(name)) ?? throw NotFound(ApiNames.FromPath(name));

    private static ApiException NotFound(string name) => ApiException.NotFound($"No connection '{name}'.");

    private static List<ChannelResource> ToResources(IReadOnlyList<AmqpChannelInfo> channels) =>
        [.. channels.Select(c => new ChannelResource(
            c.Connection, c.Number, c.VirtualHost, c.User, c.Consumers, c.Unacknowledged, c.Prefetch, c.ConfirmMode, c.Transactional))];
}
