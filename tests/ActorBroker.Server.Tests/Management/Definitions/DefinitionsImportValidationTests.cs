using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Management.Resources;
using DefinitionsDocument = ActorBroker.Management.Resources.Definitions;

namespace ActorBroker.Server.Tests.Management.Definitions;

public sealed class DefinitionsImportValidationTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private static DefinitionsDocument Document(
        IReadOnlyList<QueueDefinition>? queues = null,
        IReadOnlyList<ExchangeDefinition>? exchanges = null,
        IReadOnlyList<BindingDefinition>? bindings = null,
        IReadOnlyList<PolicyDefinition>? policies = null) =>
        new("test", [], [], queues ?? [], exchanges ?? [], bindings ?? [], policies ?? []);

    private static QueueDefinition Queue(string name, JsonObject? arguments = null) => new("/", name, true, false, arguments ?? []);

    private async Task<ErrorBody> RefusedAsync(HttpContent content, HttpStatusCode expected)
    {
        using var response = await node.Admin.PostAsync("/api/definitions", content);
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ErrorBody>(ManagementJson.Options))!;
    }

    private Task<ErrorBody> RefusedAsync(DefinitionsDocument document, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
        RefusedAsync(JsonContent.Create(document, options: ManagementJson.Options), expected);

    private async Task AssertNoQueueAsync(string name)
    {
        var channel = await (await node.Broker.ConnectAsync()).CreateChannelAsync();
        var error = await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueuePassiveAsync(name));
        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_400()
    {
        var error = await RefusedAsync(new StringContent("{\"queues\": [", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);

        Assert.Equal("bad_request", error.Error);
    }

    [Fact]
    public async Task An_unknown_exchange_type_is_refused_naming_the_exchange_and_nothing_is_applied()
    {
        var document = Document(
            queues: [Queue("unknown-type.before")],
            exchanges: [new ExchangeDefinition("/", "odd", "x-consistent-hash", true, false, false, [])]);

        var error = await RefusedAsync(document);

        Assert.Contains("exchange 'odd'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("x-consistent-hash", error.Reason, StringComparison.Ordinal);
        await AssertNoQueueAsync("unknown-type.before");
    }

    [Fact]
    public async Task A_binding_to_a_queue_missing_from_document_and_node_is_refused_naming_the_queue()
    {
        var document = Document(
            queues: [Queue("missing-binding.present")],
            bindings: [new BindingDefinition("/", "amq.direct", "ghost", "queue", "key", [])]);

        var error = await RefusedAsync(document);

        Assert.Contains("queue 'ghost'", error.Reason, StringComparison.Ordinal);
        await AssertNoQueueAsync("missing-binding.present");
    }

    [Fact]
    public async Task Bad_queue_arguments_and_bad_policies_are_refused_naming_the_item()
    {
        var badQueue = await RefusedAsync(Document(queues: [Queue("bad-ttl", new() { ["x-message-ttl"] = "soon" })]));
        var badPolicy = await RefusedAsync(Document(policies: [new PolicyDefinition("/", "ttl", ".*", "queues", 0, new() { ["max-priority"] = 5 })]));
        var missingHost = await RefusedAsync(Document(queues: [new QueueDefinition("elsewhere", "q", true, false, [])]));

        Assert.Contains("queue 'bad-ttl'", badQueue.Reason, StringComparison.Ordinal);
        Assert.Contains("Policy 'ttl'", badPolicy.Reason, StringComparison.Ordinal);
        Assert.Contains("virtual host 'elsewhere'", missingHost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_the_node_has_with_other_settings_is_a_409_naming_it_and_nothing_is_applied()
    {
        var channel = await (await node.Broker.ConnectAsync()).CreateChannelAsync();
        await channel.DeclareQueueAsync("conflict.existing", new QueueDeclaration(Durable: true));
        var document = Document(queues: [Queue("conflict.new"), new QueueDefinition("/", "conflict.existing", false, false, [])]);

        var error = await RefusedAsync(document, HttpStatusCode.Conflict);

        Assert.Equal("precondition_failed", error.Error);
        Assert.Contains("queue 'conflict.existing'", error.Reason, StringComparison.Ordinal);
        await AssertNoQueueAsync("conflict.new");
    }

    [Fact]
    public async Task A_monitoring_user_may_neither_export_the_password_hashes_nor_import()
    {
        using var watcher = node.ClientAs("watcher", "watcher");

        using var export = await watcher.GetAsync("/api/definitions");
        using var import = await watcher.PostAsJsonAsync("/api/definitions", Document(), ManagementJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
    }
}
