using System.Net;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

public sealed class ExchangeEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task The_exchanges_of_a_virtual_host_include_the_default_and_predeclared_ones()
    {
        var exchanges = await _api.GetAsync<List<ExchangeResource>>("/api/exchanges/%2F");

        Assert.Equal("", exchanges[0].Name);
        Assert.Contains(exchanges, e => e is { Name: "amq.topic", Type: "topic" });
    }

    [Fact]
    public async Task Declaring_an_exchange_creates_it_and_redeclaring_differently_is_a_409()
    {
        using var created = await _api.PutJsonAsync("/api/exchanges/%2F/events", new ExchangeDeclareRequest("fanout", Durable: false));
        using var same = await _api.PutJsonAsync("/api/exchanges/%2F/events", new ExchangeDeclareRequest("fanout", Durable: false));
        using var other = await _api.PutJsonAsync("/api/exchanges/%2F/events", new ExchangeDeclareRequest("topic", Durable: false));

        await created.AssertStatusAsync(HttpStatusCode.Created);
        await same.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal("precondition_failed", (await other.ErrorAsync(HttpStatusCode.Conflict)).Error);
        var exchange = await _api.GetAsync<ExchangeResource>("/api/exchanges/%2F/events");
        Assert.Equal(("fanout", false), (exchange.Type, exchange.Durable));
    }

    [Fact]
    public async Task An_unknown_exchange_type_is_a_400_naming_the_types()
    {
        using var response = await _api.PutJsonAsync("/api/exchanges/%2F/odd", new ExchangeDeclareRequest("round-robin"));

        Assert.Contains("direct, fanout, topic, headers, x-super-stream, x-delayed-message and x-message-deduplication", (await response.ErrorAsync(HttpStatusCode.BadRequest)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_exchange_removes_it_and_a_missing_one_is_a_404()
    {
        using var created = await _api.PutJsonAsync("/api/exchanges/%2F/short-lived", new ExchangeDeclareRequest("direct", Durable: false));
        await created.AssertStatusAsync(HttpStatusCode.Created);

        using var deleted = await _api.DeleteAsync("/api/exchanges/%2F/short-lived");
        using var again = await _api.DeleteAsync("/api/exchanges/%2F/short-lived");

        await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Contains("short-lived", (await again.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_super_stream_deletes_its_partitions()
    {
        using var created = await _api.PutJsonAsync("/api/exchanges/%2F/invoices", new ExchangeDeclareRequest("x-super-stream", Arguments: new() { ["x-partitions"] = 2 }));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("invoices-1", (await _api.GetAsync<QueueResource>("/api/queues/%2F/invoices-1")).Name);

        using var deleted = await _api.DeleteAsync("/api/exchanges/%2F/invoices");

        await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        foreach (var partition in new[] { "invoices-0", "invoices-1" })
        {
            using var gone = await _api.GetAsync($"/api/queues/%2F/{partition}");
            await gone.ErrorAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_default_exchange_cannot_be_deleted()
    {
        using var response = await _api.DeleteAsync("/api/exchanges/%2F/amq.default");

        await response.ErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Publish_says_whether_the_message_was_routed()
    {
        await _api.DeclareQueueAsync("published-to");

        var routed = await _api.PublishAsync("published-to", "hello");
        var unrouted = await _api.PublishAsync("nobody-listens", "hello");

        Assert.True(routed.Routed);
        Assert.False(unrouted.Routed);
        Assert.Equal(1, (await _api.GetAsync<QueueResource>("/api/queues/%2F/published-to")).MessagesReady);
    }

    [Fact]
    public async Task Publishing_to_a_missing_exchange_is_a_404()
    {
        using var response = await _api.PostJsonAsync("/api/exchanges/%2F/missing/publish", new PublishRequest("k", "x"));

        Assert.Contains("missing", (await response.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_without_a_payload_is_a_400()
    {
        using var response = await _api.SendRawAsync(HttpMethod.Post, "/api/exchanges/%2F/amq.default/publish", """{"routing_key":"q"}""");

        Assert.Contains("payload", (await response.ErrorAsync(HttpStatusCode.BadRequest)).Reason, StringComparison.Ordinal);
    }
}
