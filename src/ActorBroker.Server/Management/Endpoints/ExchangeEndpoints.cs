using ActorBroker.Amqp.Connections;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>Exchanges: list, one exchange, declare, delete, publish.</summary>
internal static class ExchangeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/exchanges", (NodeReadiness node) => ListAsync(node, null));
        api.MapGet("/exchanges/{vhost}", (NodeReadiness node, string vhost) => ListAsync(node, ApiNames.FromPath(vhost)));
        api.MapGet("/exchanges/{vhost}/{name}", GetAsync);
        api.MapPut("/exchanges/{vhost}/{name}", DeclareAsync);
        api.MapDelete("/exchanges/{vhost}/{name}", DeleteAsync);
        api.MapPost("/exchanges/{vhost}/{name}/publish", PublishAsync);
    }

    private static async Task<IResult> ListAsync(NodeReadiness node, string? vhost)
    {
        var exchanges = await node.RequireBroker().Admin.ExchangesAsync(vhost).ConfigureAwait(false);
        return ApiJson.Ok(exchanges.Select(e => e.ToResource()).ToList());
    }

    private static async Task<IResult> GetAsync(NodeReadiness node, string vhost, string name)
    {
        var host = ApiNames.FromPath(vhost);
        var exchange = ApiNames.ExchangeFromPath(name);
        var exchanges = await node.RequireBroker().Admin.ListExchangesAsync(host).ConfigureAwait(false);
        var found = exchanges.FirstOrDefault(e => e.Name == exchange)
            ?? throw ApiException.NotFound($"No exchange '{exchange}' in virtual host '{host}'.");
        var resource = found.ToResource();
        return ApiJson.Ok(found.Settings.Type == ExchangeType.SuperStream
            ? resource with { Partitions = await node.RequireBroker().Admin.ListPartitionsAsync(host, exchange).ConfigureAwait(false) }
            : resource);
    }

    private static async Task<IResult> DeclareAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var body = await ApiJson.ReadBodyAsync<ExchangeDeclareRequest>(request).ConfigureAwait(false);
        var exchange = RequireNamed(name);
        var settings = new ExchangeSettings(BrokerResources.ParseType(body.Type), body.Durable, body.AutoDelete, body.Internal,
            FieldValueJson.ToHeaders(body.Arguments, "arguments"));
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireExchange(ResourceAccess.Configure, exchange);
        var existed = await BrokerSession.FindsAsync(session.Channel.DeclareExchangePassiveAsync(exchange)).ConfigureAwait(false);
        await session.Channel.DeclareExchangeAsync(exchange, settings).ConfigureAwait(false);
        return existed ? Results.NoContent() : Results.Created(request.Path, null);
    }

    private static async Task<IResult> DeleteAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var ifUnused = ApiQuery.Flag(request, "if_unused");
        var exchange = RequireNamed(name);
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireExchange(ResourceAccess.Configure, exchange);
        // Deleting a missing exchange succeeds in AMQP; the API says 404 instead.
        await session.Channel.DeclareExchangePassiveAsync(exchange).ConfigureAwait(false);
        await session.Channel.DeleteExchangeAsync(exchange, ifUnused).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> PublishAsync(NodeReadiness node, string vhost, string name, HttpRequest request)
    {
        var body = await ApiJson.ReadBodyAsync<PublishRequest>(request).ConfigureAwait(false);
        var payload = MessageJson.DecodePayload(body.Payload, body.PayloadEncoding);
        var properties = MessageJson.FromJson(body.Properties);
        var session = await BrokerSession.OpenAsync(node.RequireBroker(), ApiNames.FromPath(vhost), request).ConfigureAwait(false);
        await using var closing = session.ConfigureAwait(false);
        session.RequireExchange(ResourceAccess.Write, ApiNames.ExchangeFromPath(name));
        var routed = session.Channel.Publish(ApiNames.ExchangeFromPath(name), body.RoutingKey ?? string.Empty, payload, properties);
        // Replies only once the queues have the message (persistent ones on disk), so a get that follows finds it.
        await session.Channel.WaitForConfirmsAsync().ConfigureAwait(false);
        return ApiJson.Ok(new PublishResult(routed));
    }

    /// <summary>The default exchange cannot be declared or deleted.</summary>
    private static string RequireNamed(string segment)
    {
        var exchange = ApiNames.ExchangeFromPath(segment);
        return exchange.Length > 0
            ? exchange
            : throw ApiException.Forbidden($"The default exchange ({ApiNames.DefaultExchange}) cannot be declared or deleted.");
    }
}
