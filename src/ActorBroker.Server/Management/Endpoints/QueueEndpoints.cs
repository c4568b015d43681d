using ActorBroker.Amqp.Connections;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Cluster;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>Queues: paged lists, one queue, declare, delete, and a queue's bindings.</summary>
internal static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/queues", (NodeReadiness node, [FromServices] ClusterNodes nodes, HttpRequest request) => ListAsync(node, nodes, null, request));
        api.MapGet("/queues/{vhost}", (NodeReadiness node, [FromServices] ClusterNodes nodes, string vhost, HttpRequest request) =>
            ListAsync(node, nodes, ApiNames.FromPath(vhost), request));
        api.MapGet("/queues/{vhost}/{name}", GetAsync);
        api.MapPut("/queues/{vhost}/{name}", DeclareAsync);
        api.MapDelete("/queues/{vhost}/{name}", DeleteAsync);
        api.MapGet("/queues/{vhost}/{name}/bindings", BindingsAsync);
    }

    private static async Task<IResult> ListAsync(NodeReadiness node, ClusterNodes nodes, string? vhost, HttpRequest request)
    {
        var query = QueueListQuery.From(request);
        var queues = await node.RequireBroker().Admin.QueuesAsync(vhost).ConfigureAwait(false);
        return ApiJson.Ok(query.Apply(queues, nodes));
    }

    private static async Task<IResult> GetAsync(NodeReadiness node, [FromServices] ClusterNodes nodes, string vhost, string name)
    {
        var admin = node.RequireBroker().Admin;
        var info = await admin.GetQueueAsync(ApiNames.FromPath(vhost), ApiNames.FromPath(name)).ConfigureAwait(false);
        if (!info.Declaration.IsStream)
        {
            return ApiJson.Ok(info.ToResource(nodes));
        }

        var groups = await admin.ListConsumerGroupsAsync(info.VirtualHost, info.Name).ConfigureAwait(false);
        return ApiJson.Ok(info.ToResource(nodes) with { ConsumerGroups = [.. groups.Select(g => new ConsumerGroupResource(g.Group, g.CommittedOffset, g.Lag, g.Members, g.ActiveConsumer))] });
    }

    private static async Task<IResult> DeclareAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var body = await ApiJson.ReadBodyOrAsync(request, new QueueDeclareRequest()).ConfigureAwait(false);
        var queue = ApiNames.FromPath(name);
        var declaration = new QueueDeclaration(body.Durable, Exclusive: false, body.AutoDelete, FieldValueJson.ToHeaders(body.Arguments, "arguments"));
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireQueue(ResourceAccess.Configure, queue);
        var existed = await BrokerSession.FindsAsync(session.Channel.DeclareQueuePassiveAsync(queue)).ConfigureAwait(false);
        await session.Channel.DeclareQueueAsync(queue, declaration).ConfigureAwait(false);
        return existed ? Results.NoContent() : Results.Created(request.Path, null);
    }

    private static async Task<IResult> DeleteAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var ifUnused = ApiQuery.Flag(request, "if_unused");
        var ifEmpty = ApiQuery.Flag(request, "if_empty");
        var queue = ApiNames.FromPath(name);
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireQueue(ResourceAccess.Configure, queue);
        // Deleting a missing queue succeeds in AMQP; the API says 404 instead.
        await session.Channel.DeclareQueuePassiveAsync(queue).ConfigureAwait(false);
        var removed = await session.Channel.DeleteQueueAsync(queue, ifUnused, ifEmpty).ConfigureAwait(false);
        return ApiJson.Ok(new MessagesRemoved(removed));
    }

    private static async Task<IResult> BindingsAsync(NodeReadiness node, string vhost, string name)
    {
        var host = ApiNames.FromPath(vhost);
        var queue = ApiNames.FromPath(name);
        var admin = node.RequireBroker().Admin;
        await admin.GetQueueAsync(host, queue).ConfigureAwait(false);
        var bindings = await admin.ListBindingsAsync(host).ConfigureAwait(false);
        return ApiJson.Ok(bindings
            .Where(b => b.Destination == Destination.Queue(queue))
            .Select(b => b.ToResource(host))
            .ToList());
    }
}
