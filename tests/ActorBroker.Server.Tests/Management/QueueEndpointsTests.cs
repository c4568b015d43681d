using System.Net;
using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

public sealed class QueueEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task Declaring_a_queue_creates_it_with_its_arguments_and_dead_letter_target()
    {
        using var response = await _api.PutJsonAsync("/api/queues/%2F/orders", new
        {
            durable = false,
            arguments = new JsonObject { ["x-dead-letter-exchange"] = "dlx", ["x-message-ttl"] = 60000 },
        });
        await response.AssertStatusAsync(HttpStatusCode.Created);

        var queue = await _api.GetAsync<QueueResource>("/api/queues/%2F/orders");
        Assert.Equal("/", queue.Vhost);
        Assert.False(queue.Durable);
        Assert.Equal(60000, queue.Arguments["x-message-ttl"]!.GetValue<long>());
        Assert.Equal("dlx", queue.DeadLetterExchange);
    }

    [Fact]
    public async Task Redeclaring_the_same_queue_answers_204_and_differently_409()
    {
        await _api.DeclareQueueAsync("redeclared");

        using var same = await _api.PutJsonAsync("/api/queues/%2F/redeclared", new { durable = false });
        using var other = await _api.PutJsonAsync("/api/queues/%2F/redeclared", new { durable = true });

        await same.AssertStatusAsync(HttpStatusCode.NoContent);
        var error = await other.ErrorAsync(HttpStatusCode.Conflict);
        Assert.Equal("precondition_failed", error.Error);
    }

    [Fact]
    public async Task A_missing_queue_is_a_404_that_names_it()
    {
        using var response = await _api.GetAsync("/api/queues/%2F/no-such-queue");

        var error = await response.ErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_found", error.Error);
        Assert.Contains("no-such-queue", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_shows_its_ready_messages_and_bytes()
    {
        await _api.DeclareQueueAsync("counted");
        await _api.PublishAsync("counted", "12345");
        await _api.PublishAsync("counted", "678");

        var queue = await _api.GetAsync<QueueResource>("/api/queues/%2F/counted");

        Assert.Equal(2, queue.Messages);
        Assert.Equal(2, queue.MessagesReady);
        Assert.Equal(8, queue.MessageBytesReady);
        Assert.Equal(2, queue.Published);
    }

    [Fact]
    public async Task Deleting_a_queue_reports_its_messages_and_removes_it()
    {
        await _api.DeclareQueueAsync("doomed");
        await _api.PublishAsync("doomed", "a");

        using var delete = await _api.DeleteAsync("/api/queues/%2F/doomed");
        using var after = await _api.GetAsync("/api/queues/%2F/doomed");

        Assert.Equal(1, (await delete.ReadAsync<MessagesRemoved>(HttpStatusCode.OK)).Messages);
        await after.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_with_if_empty_refuses_a_queue_that_holds_messages()
    {
        await _api.DeclareQueueAsync("not-empty");
        await _api.PublishAsync("not-empty", "a");

        using var delete = await _api.DeleteAsync("/api/queues/%2F/not-empty?if_empty=true");

        Assert.Equal("precondition_failed", (await delete.ErrorAsync(HttpStatusCode.Conflict)).Error);
        await (await _api.GetAsync("/api/queues/%2F/not-empty")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_missing_queue_is_a_404()
    {
        using var delete = await _api.DeleteAsync("/api/queues/%2F/never-was");

        Assert.Contains("never-was", (await delete.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_lists_its_bindings_the_default_one_first()
    {
        await _api.DeclareQueueAsync("bound");
        using var bind = await _api.PostJsonAsync("/api/bindings/%2F/e/amq.direct/q/bound", new { routing_key = "k" });
        await bind.AssertStatusAsync(HttpStatusCode.Created);

        var bindings = await _api.GetAsync<List<BindingResource>>("/api/queues/%2F/bound/bindings");

        Assert.Equal([("", "bound"), ("amq.direct", "k")], bindings.Select(b => (b.Source, b.RoutingKey)));
    }

    [Fact]
    public async Task Queues_of_a_missing_virtual_host_are_a_404()
    {
        using var response = await _api.GetAsync("/api/queues/nowhere");

        Assert.Contains("nowhere", (await response.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
    }
}
