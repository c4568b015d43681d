using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>Virtual hosts: list with their message totals, create, delete (with every permission in it).</summary>
internal static class VirtualHostEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vhosts", ListAsync);
        api.MapPut("/vhosts/{vhost}", CreateAsync);
        api.MapDelete("/vhosts/{vhost}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(NodeReadiness node)
    {
        var admin = node.RequireBroker().Admin;
        var queues = await admin.QueuesAsync(null).ConfigureAwait(false);
        var byHost = queues.ToLookup(q => q.VirtualHost, StringComparer.Ordinal);
        var hosts = await admin.ListVirtualHostsAsync().ConfigureAwait(false);
        return ApiJson.Ok(hosts.Select(name => new VirtualHostResource(
            name,
            byHost[name].Sum(q => q.TotalMessages()),
            byHost[name].Sum(q => (long)q.Ready),
            byHost[name].Sum(q => (long)q.Unacked))).ToList());
    }

    private static async Task<IResult> CreateAsync(NodeReadiness node, string vhost, HttpRequest request)
    {
        var name = ApiNames.FromPath(vhost);
        var broker = node.RequireBroker();
        var existed = (await broker.Admin.ListVirtualHostsAsync().ConfigureAwait(false)).Contains(name, StringComparer.Ordinal);
        await broker.AddVirtualHostAsync(name).ConfigureAwait(false);
        return existed ? Results.NoContent() : Results.Created(request.Path, null);
    }

    // UserStore is marked [FromServices]: a host without it (a test's bare management server) still builds the route.
    private static async Task<IResult> DeleteAsync(NodeReadiness node, string vhost, [FromServices] UserStore? users)
    {
        var name = ApiNames.FromPath(vhost);
        await node.RequireBroker().Admin.DeleteVirtualHostAsync(name).ConfigureAwait(false);
        if (users is not null)
        {
            await users.ForgetVirtualHostAsync(name).ConfigureAwait(false);
        }

        return Results.NoContent();
    }
}
