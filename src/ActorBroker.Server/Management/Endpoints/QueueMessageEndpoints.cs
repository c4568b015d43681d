using ActorBroker.Amqp.Connections;
using ActorBroker.Broker.Client;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using GetResult = ActorBroker.Management.Resources.GetResult;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>A queue's messages: purge, peek, get (ack or requeue) and dead-letter redrive.</summary>
internal static class QueueMessageEndpoints
{
    private const int MaxMessages = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapDelete("/queues/{vhost}/{name}/contents", PurgeAsync);
        api.MapGet("/queues/{vhost}/{name}/peek", PeekAsync);
        api.MapPost("/queues/{vhost}/{name}/get", GetAsync);
        api.MapPost("/queues/{vhost}/{name}/redrive", RedriveAsync);
    }

    private static async Task<IResult> PurgeAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireQueue(ResourceAccess.Read, ApiNames.FromPath(name));
        var purged = await session.Channel.PurgeQueueAsync(ApiNames.FromPath(name)).ConfigureAwait(false);
        return ApiJson.Ok(new MessagesRemoved(purged));
    }

    private static async Task<IResult> PeekAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var count = ApiQuery.Integer(request, "count", 10, 1, MaxMessages);
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireQueue(ResourceAccess.Read, ApiNames.FromPath(name));
        var peeked = await session.Channel.PeekAsync(ApiNames.FromPath(name), count).ConfigureAwait(false);
        return ApiJson.Ok(new PeekResult([.. peeked.Select(p => MessageJson.ToResource(p.Message, p.DeliveryCount > 0, p.DeliveryCount))]));
    }

    private static async Task<IResult> GetAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var body = await ApiJson.ReadBodyOrAsync(request, new GetRequest()).ConfigureAwait(false);
        if (body.Count is < 1 or > MaxMessages)
        {
            throw ApiException.BadRequest($"count = {body.Count}: expected 1 to {MaxMessages}.");
        }

        var ack = body.AckMode switch
        {
            "ack" => true,
            "requeue" => false,
            var other => throw ApiException.BadRequest($"ack_mode = '{other}': expected ack or requeue."),
        };
        var queue = ApiNames.FromPath(name);
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireQueue(ResourceAccess.Read, queue);
        var channel = session.Channel;
        var taken = new List<Delivery>(body.Count);
        long left = 0;
        while (taken.Count < body.Count)
        {
            var result = await channel.GetAsync(queue).ConfigureAwait(false);
            left = result.MessageCount;
            if (result.Delivery is not { } delivery)
            {
                break;
            }

            taken.Add(delivery);
        }

        // Settled all at once after taking them all, so that a requeued message is not taken again.
        if (taken.Count > 0)
        {
            if (ack)
            {
                channel.Ack(taken[^1].DeliveryTag, multiple: true);
            }
            else
            {
                channel.Nack(taken[^1].DeliveryTag, multiple: true, requeue: true);
                left += taken.Count;
            }
        }

        var messages = taken.Select(d => MessageJson.ToResource(d.Message, d.Redelivered, d.DeliveryCount)).ToList();
        return ApiJson.Ok(new GetResult(messages, left));
    }

    private static async Task<IResult> RedriveAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var body = await ApiJson.ReadBodyOrAsync(request, new RedriveRequest()).ConfigureAwait(false);
        if (body.Count is < 1)
        {
            throw ApiException.BadRequest($"count = {body.Count}: expected at least 1, or no count to move every message.");
        }

        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        // Redriving reads the dead-letter queue and writes the target; without a target, messages go back to the queues
        // they died in, which are known only as they are taken, so only the read is checked then.
        session.RequireQueue(ResourceAccess.Read, ApiNames.FromPath(name));
        if (body.TargetQueue is { } target)
        {
            session.RequireQueue(ResourceAccess.Write, target);
        }

        var moved = await session.Channel.RedriveAsync(ApiNames.FromPath(name), body.TargetQueue, body.Count ?? int.MaxValue).ConfigureAwait(false);
        return ApiJson.Ok(new RedriveResult(moved));
    }
}
