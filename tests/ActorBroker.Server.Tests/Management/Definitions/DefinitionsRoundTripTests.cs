using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management.Definitions;
using BasicProperties = ActorBroker.Broker.Messages.BasicProperties;
using DefinitionsDocument = ActorBroker.Management.Resources.Definitions;
using ExchangeType = ActorBroker.Broker.Routing.ExchangeType;
using Headers = ActorBroker.Broker.Messages.Headers;

namespace ActorBroker.Server.Tests.Management.Definitions;

public sealed class DefinitionsRoundTripTests : IAsyncLifetime
{
    private readonly ManagementNode _a = new();
    private readonly ManagementNode _b = new();

    public async Task InitializeAsync() => await Task.WhenAll(_a.InitializeAsync(), _b.InitializeAsync());

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_deployment_exported_from_one_node_and_imported_into_a_fresh_one_exports_the_same_and_routes_the_same()
    {
        await ArrangeDeploymentAsync(_a);
        var exported = await ExportAsync(_a);

        using var import = await _b.Admin.PostAsJsonAsync("/api/definitions", exported, ManagementJson.Options);
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var created = await import.Content.ReadFromJsonAsync<ImportResult>(ManagementJson.Options);
        var reexported = await ExportAsync(_b);

        // alice was created through the API with no permissions, then given one; guest, watcher and nobody come from the
        // config with full permissions, exported as such in both virtual hosts, which they have on the other node too.
        Assert.Equal(new ImportResult(Users: 1, Vhosts: 1, Queues: 5, Exchanges: 4, Bindings: 7, Policies: 2, Permissions: 1, Schemas: 1), created);
        Assert.Equal([1, 2], Assert.Single(reexported.Schemas!).Versions.Select(v => v.Version));
        Assert.Equal(new PermissionDefinition("alice", "tenant", "^jobs", "", "^jobs$"), Assert.Single(exported.Permissions!, p => p.User == "alice"));
        Assert.Equal(Canonical(exported), Canonical(reexported));
        Assert.DoesNotContain(exported.Queues, q => q.Name == "scratch");
        await AssertRoutesAsync(_b.Broker);
        using var alice = _b.ClientAs("alice", "alice");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/whoami")).StatusCode);
    }

    [Fact]
    public async Task Importing_the_same_document_again_creates_nothing_and_changes_nothing()
    {
        await ArrangeDeploymentAsync(_a);
        var exported = await ExportAsync(_a);

        using var again = await _a.Admin.PostAsJsonAsync("/api/definitions", exported, ManagementJson.Options);

        Assert.Equal(new ImportResult(0, 0, 0, 0, 0, 0, 0, 0), await again.Content.ReadFromJsonAsync<ImportResult>(ManagementJson.Options));
        Assert.Equal(Canonical(exported), Canonical(await ExportAsync(_a)));
    }

    /// <summary>Users, a second virtual host, queues with arguments, exchanges of every type, bindings of every kind, policies, a schema of two versions.</summary>
    private static async Task ArrangeDeploymentAsync(ManagementNode node)
    {
        var alice = new UserDefinition("alice", PasswordHash.Create("alice", iterations: 1), ["monitoring"]);
        (await node.Admin.PutAsJsonAsync("/api/users/alice", alice, ManagementJson.Options)).EnsureSuccessStatusCode();
        await node.Broker.AddVirtualHostAsync("tenant");
        (await node.Admin.PutAsJsonAsync("/api/permissions/tenant/alice", new { configure = "^jobs", write = "", read = "^jobs$" })).EnsureSuccessStatusCode();
        await PutPolicyAsync(node, new PolicyDefinition("/", "dead-letters", "\\.dlq$", "queues", 1, new() { ["max-length-bytes"] = 1_048_576 }));
        await PutPolicyAsync(node, new PolicyDefinition("tenant", "limits", "^jobs", "all", 0, new() { ["max-length"] = 100, ["overflow"] = "reject-publish" }));
        foreach (var schema in new[] { """{"type": "object"}""", """{"type": "object", "required": ["id"]}""" })
        {
            (await node.Admin.PutAsJsonAsync("/api/schemas/%2F/invoice", new SchemaRegistration(System.Text.Json.Nodes.JsonNode.Parse(schema)), ManagementJson.Options)).EnsureSuccessStatusCode();
        }

        await using (var root = await node.Broker.ConnectAsync())
        {
            var channel = await root.CreateChannelAsync();
            await channel.DeclareExchangeAsync("dlx", ExchangeType.Fanout);
            await channel.DeclareExchangeAsync("events", ExchangeType.Topic);
            await channel.DeclareExchangeAsync("by-header", ExchangeType.Headers);
            await channel.DeclareExchangeAsync("audit-all", new ExchangeSettings(ExchangeType.Direct, Internal: true));
            await channel.DeclareQueueAsync("orders", new QueueDeclaration(Arguments: new Headers
            {
                ["x-message-ttl"] = 60_000,
                ["x-dead-letter-exchange"] = "dlx",
                ["x-queue-type"] = "classic",
            }));
            await channel.DeclareQueueAsync("orders.dlq");
            await channel.DeclareQueueAsync("invoices", new QueueDeclaration(Arguments: new Headers { ["x-schema"] = "invoice" }));
            await channel.DeclareQueueAsync("audit", new QueueDeclaration(AutoDelete: false, Arguments: new Headers { ["x-max-priority"] = 5 }));
            await channel.DeclareQueueAsync("scratch", new QueueDeclaration(Durable: false));
            await channel.BindQueueAsync("orders.dlq", "dlx", "");
            await channel.BindQueueAsync("orders", "events", "order.*");
            await channel.BindQueueAsync("orders", "amq.topic", "legacy.#");
            await channel.BindExchangeAsync("audit-all", "events", "order.created");
            await channel.BindQueueAsync("audit", "audit-all", "order.created");
            await channel.BindQueueAsync("audit", "by-header", "", new Headers { ["x-match"] = "all", ["kind"] = "invoice" });
            await channel.BindQueueAsync("scratch", "events", "#");
        }

        await using var tenant = await node.Broker.ConnectAsync("tenant");
        var tenantChannel = await tenant.CreateChannelAsync();
        await tenantChannel.DeclareQueueAsync("jobs", new QueueDeclaration(AutoDelete: true));
        await tenantChannel.BindQueueAsync("jobs", "amq.direct", "run");
    }

    private static async Task AssertRoutesAsync(MessageBroker broker)
    {
        await using var connection = await broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        Assert.True(await channel.PublishAsync("events", "order.created", Encoding.UTF8.GetBytes("created")));
        Assert.True(await channel.PublishAsync("by-header", "", Encoding.UTF8.GetBytes("invoice"),
            new BasicProperties { Headers = new Headers { ["kind"] = "invoice" } }));

        Assert.Equal("created", await TakeAsync(channel, "orders"));
        Assert.Equal("created", await TakeAsync(channel, "audit"));
        Assert.Equal("invoice", await TakeAsync(channel, "audit"));
        Assert.Equal("^jobs", (await broker.Policies.ForQueueAsync("tenant", "jobs"))?.Pattern);
    }

    private static async Task<string?> TakeAsync(BrokerChannel channel, string queue) =>
        (await channel.GetAsync(queue, autoAck: true)).Delivery is { } delivery ? Encoding.UTF8.GetString(delivery.Body.Span) : null;

    private static async Task PutPolicyAsync(ManagementNode node, PolicyDefinition policy)
    {
        var path = $"/api/policies/{Uri.EscapeDataString(policy.Vhost)}/{policy.Name}";
        (await node.Admin.PutAsJsonAsync(path, policy, ManagementJson.Options)).EnsureSuccessStatusCode();
    }

    private static async Task<DefinitionsDocument> ExportAsync(ManagementNode node) =>
        (await node.Admin.GetFromJsonAsync<DefinitionsDocument>("/api/definitions", ManagementJson.Options))!;

    private static string Canonical(DefinitionsDocument document) =>
        JsonSerializer.Serialize(document with { ActorbrokerVersion = "" }, ManagementJson.Options);
}
