using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Management;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// Consumers of all queues, or of one virtual host's, with the AMQP connection and channel each came through.
/// A consumer started in process, not over AMQP, is shown with connection "connection-ID" and channel 0.
/// </summary>
internal static class ConsumerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/consumers", (NodeReadiness node, AmqpConnectionRegistry connections) => ListAsync(node, connections, null));
        api.MapGet("/consumers/{vhost}", (NodeReadiness node, AmqpConnectionRegistry connections, string vhost) =>
            ListAsync(node, connections, ApiNames.FromPath(vhost)));
    }

    private static async Task<IResult> ListAsync(NodeReadiness node, AmqpConnectionRegistry connections, string? vhost)
    {
        var consumers = await node.RequireBroker().Admin.ConsumersAsync(vhost).ConfigureAwait(false);
        return ApiJson.Ok(consumers.Select(c => ToResource(c, connections)).ToList());
    }

    private static ConsumerResource ToResource(ConsumerInfo consumer, AmqpConnectionRegistry connections)
    {
        if (!connections.TryFindChannel(consumer.ChannelId, out var connection, out var channel))
        {
            connection = $"connection-{consumer.ConnectionId}";
        }

        return new ConsumerResource(
            consumer.VirtualHost, consumer.Queue, consumer.ConsumerTag, connection, channel, consumer.AckRequired, consumer.Prefetch, consumer.Exclusive);
    }
}
