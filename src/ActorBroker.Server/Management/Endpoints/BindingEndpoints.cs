using ActorBroker.Amqp.Connections;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>Bindings: list, add and remove, exchange to queue and exchange to exchange.</summary>
internal static class BindingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/bindings", (NodeReadiness node) => ListAsync(node, null));
        api.MapGet("/bindings/{vhost}", (NodeReadiness node, string vhost) => ListAsync(node, ApiNames.FromPath(vhost)));
        api.MapPost("/bindings/{vhost}/e/{source}/q/{queue}", (NodeReadiness node, string vhost, string source, string queue, HttpRequest request) =>
            AddAsync(node, vhost, source, Destination.Queue(ApiNames.FromPath(queue)), request));
        api.MapPost("/bindings/{vhost}/e/{source}/e/{destination}", (NodeReadiness node, string vhost, string source, string destination, HttpRequest request) =>
            AddAsync(node, vhost, source, Destination.Exchange(ApiNames.ExchangeFromPath(destination)), request));
        api.MapDelete("/bindings/{vhost}/e/{source}/q/{queue}", (NodeReadiness node, string vhost, string source, string queue, HttpRequest request) =>
            RemoveAsync(node, vhost, source, Destination.Queue(ApiNames.FromPath(queue)), request));
        api.MapDelete("/bindings/{vhost}/e/{source}/e/{destination}", (NodeReadiness node, string vhost, string source, string destination, HttpRequest request) =>
            RemoveAsync(node, vhost, source, Destination.Exchange(ApiNames.ExchangeFromPath(destination)), request));
    }

    private static async Task<IResult> ListAsync(NodeReadiness node, string? vhost)
    {
        var bindings = await node.RequireBroker().Admin.BindingsAsync(vhost).ConfigureAwait(false);
        return ApiJson.Ok(bindings.Select(b => b.Binding.ToResource(b.Vhost)).ToList());
    }

    private static async Task<IResult> AddAsync(NodeReadiness node, string vhost, string source, Destination destination, HttpRequest request)
    {
        var binding = await ReadBindingAsync(source, destination, request).ConfigureAwait(false);
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        RequireBindingAccess(session, binding);
        var channel = session.Channel;
        await (destination.Kind == DestinationKind.Queue
            ? channel.BindQueueAsync(destination.Name, binding.Source, binding.RoutingKey, binding.Arguments)
            : channel.BindExchangeAsync(destination.Name, binding.Source, binding.RoutingKey, binding.Arguments)).ConfigureAwait(false);
        return Results.Created(request.Path, null);
    }

    private static async Task<IResult> RemoveAsync(NodeReadiness node, string vhost, string source, Destination destination, HttpRequest request)
    {
        var binding = await ReadBindingAsync(source, destination, request).ConfigureAwait(false);
        var host = ApiNames.FromPath(vhost);
        var broker = node.RequireBroker();
        var existing = await broker.Admin.ListBindingsAsync(host).ConfigureAwait(false);
        if (!existing.Contains(binding))
        {
            throw ApiException.NotFound(
                $"No binding from exchange '{binding.Source}' to {destination} with routing key '{binding.RoutingKey}' and these arguments in virtual host '{host}'.");
        }

        var session = await BrokerSession.OpenAsync(broker, host, request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        RequireBindingAccess(session, binding);
        var channel = session.Channel;
        await (destination.Kind == DestinationKind.Queue
            ? channel.UnbindQueueAsync(destination.Name, binding.Source, binding.RoutingKey, binding.Arguments)
            : channel.UnbindExchangeAsync(destination.Name, binding.Source, binding.RoutingKey, binding.Arguments)).ConfigureAwait(false);
        return Results.NoContent();
    }

    // As AMQP's bind and unbind: write on the destination, read on the source exchange.
    private static void RequireBindingAccess(BrokerSession session, Binding binding)
    {
        if (binding.Destination.Kind == DestinationKind.Queue)
        {
            session.RequireQueue(ResourceAccess.Write, binding.Destination.Name);
        }
        else
        {
            session.RequireExchange(ResourceAccess.Write, binding.Destination.Name);
        }

        session.RequireExchange(ResourceAccess.Read, binding.Source);
    }

    private static async Task<Binding> ReadBindingAsync(string source, Destination destination, HttpRequest request)
    {
        var body = await ApiJson.ReadBodyOrAsync(request, new BindingRequest()).ConfigureAwait(false);
        return new Binding(ApiNames.ExchangeFromPath(source), destination, body.RoutingKey ?? string.Empty,
            FieldValueJson.ToHeaders(body.Arguments, "arguments"));
    }
}
