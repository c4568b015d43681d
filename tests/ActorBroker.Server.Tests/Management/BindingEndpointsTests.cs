using System.Net;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

public sealed class BindingEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task A_binding_added_through_the_api_routes_messages_and_is_listed()
    {
        await _api.DeclareQueueAsync("audit");
        using var bind = await _api.PostJsonAsync("/api/bindings/%2F/e/amq.topic/q/audit", new BindingRequest("orders.*"));
        await bind.AssertStatusAsync(HttpStatusCode.Created);

        using var publish = await _api.PostJsonAsync("/api/exchanges/%2F/amq.topic/publish", new PublishRequest("orders.created", "x"));
        var bindings = await _api.GetAsync<List<BindingResource>>("/api/bindings/%2F");

        Assert.True((await publish.ReadAsync<PublishResult>(HttpStatusCode.OK)).Routed);
        Assert.Contains(bindings, b => b is { Source: "amq.topic", Destination: "audit", DestinationType: "queue", RoutingKey: "orders.*" });
    }

    [Fact]
    public async Task An_exchange_to_exchange_binding_is_listed_with_its_destination_type()
    {
        using var declared = await _api.PutJsonAsync("/api/exchanges/%2F/fan", new ExchangeDeclareRequest("fanout", Durable: false));
        await declared.AssertStatusAsync(HttpStatusCode.Created);

        using var bind = await _api.PostJsonAsync("/api/bindings/%2F/e/amq.direct/e/fan", new BindingRequest("to-fan"));
        await bind.AssertStatusAsync(HttpStatusCode.Created);

        var bindings = await _api.GetAsync<List<BindingResource>>("/api/bindings");
        Assert.Contains(bindings, b => b is { Vhost: "/", Source: "amq.direct", Destination: "fan", DestinationType: "exchange" });
    }

    [Fact]
    public async Task Removing_a_binding_stops_its_routing_and_removing_it_again_is_a_404()
    {
        await _api.DeclareQueueAsync("unbound");
        using var bind = await _api.PostJsonAsync("/api/bindings/%2F/e/amq.direct/q/unbound", new BindingRequest("k"));
        await bind.AssertStatusAsync(HttpStatusCode.Created);

        using var removed = await _api.DeleteJsonAsync("/api/bindings/%2F/e/amq.direct/q/unbound", new BindingRequest("k"));
        using var again = await _api.DeleteJsonAsync("/api/bindings/%2F/e/amq.direct/q/unbound", new BindingRequest("k"));
        using var publish = await _api.PostJsonAsync("/api/exchanges/%2F/amq.direct/publish", new PublishRequest("k", "x"));

        await removed.AssertStatusAsync(HttpStatusCode.NoContent);
        await again.ErrorAsync(HttpStatusCode.NotFound);
        Assert.False((await publish.ReadAsync<PublishResult>(HttpStatusCode.OK)).Routed);
    }

    [Fact]
    public async Task Binding_a_missing_queue_is_a_404()
    {
        using var bind = await _api.PostJsonAsync("/api/bindings/%2F/e/amq.direct/q/ghost", new BindingRequest("k"));

        Assert.Contains("ghost", (await bind.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
    }
}
