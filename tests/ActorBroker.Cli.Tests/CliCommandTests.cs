using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorBroker.Cli.Tests.Fakes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests;

public sealed class CliCommandTests : FakeNodeTests, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Status_of_a_ready_node_exits_0_and_shows_version_readiness_and_totals()
    {
        Node.On("GET", "/api/overview", HttpStatusCode.OK, Canned.Overview()).On("GET", "/api/nodes", HttpStatusCode.OK, new[] { Canned.Node(ready: true) });

        var result = await RunAsync("status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("1.0.0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(Lines(result.Stdout), line => line.Contains("Ready", StringComparison.Ordinal) && line.Contains("yes", StringComparison.Ordinal));
        Assert.Contains("7 (5 ready, 2 unacked)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1h 2m 5s", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_recovering_node_exits_1_and_says_why_on_stderr()
    {
        Node.On("GET", "/api/overview", HttpStatusCode.OK, Canned.Overview()).On("GET", "/api/nodes", HttpStatusCode.OK, new[] { Canned.Node(ready: false) });

        var result = await RunAsync("status", "--output", "json");

        Assert.Equal(1, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("1.0.0", (string?)json["overview"]!["version"]);
        Assert.False((bool)json["nodes"]![0]!["ready"]!);
        Assert.Equal("actorbroker: not ready (recovery still running): actorbroker@test", Assert.Single(Lines(result.Stderr)));
    }

    [Fact]
    public async Task Publish_goes_to_the_default_exchange_with_the_payload_and_properties()
    {
        Node.On("POST", "/api/exchanges/%2F/amq.default/publish", HttpStatusCode.OK, new PublishResult(true));

        var result = await RunAsync("publish", "hello world", "-k", "orders", "--persistent", "--content-type", "text/plain", "--header", "attempt=2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Published 11 bytes to the default exchange with routing key 'orders'.", result.Stdout.Trim());
        var body = Node.Single("POST", "/api/exchanges/").Json;
        Assert.Equal("hello world", body.GetProperty("payload").GetString());
        Assert.Equal("string", body.GetProperty("payload_encoding").GetString());
        Assert.Equal("orders", body.GetProperty("routing_key").GetString());
        Assert.Equal(2, body.GetProperty("properties").GetProperty("delivery_mode").GetInt32());
        Assert.Equal(2, body.GetProperty("properties").GetProperty("headers").GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Publishing_a_binary_file_sends_it_as_base64_and_an_unrouted_message_is_a_warning()
    {
        var file = Path.Combine(_dir, "body.bin");
        await File.WriteAllBytesAsync(file, [0xff, 0x00, 0xfe]);
        Node.On("POST", "/api/exchanges/shop/events/publish", HttpStatusCode.OK, new PublishResult(false));

        var result = await RunAsync("publish", "--file", file, "-e", "events", "-k", "nobody", "--vhost", "shop", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"routed":false}""", result.Stdout.Trim());
        Assert.Contains("no queue is bound", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
        var body = Node.Single("POST", "/api/exchanges/").Json;
        Assert.Equal("base64", body.GetProperty("payload_encoding").GetString());
        Assert.Equal(Convert.ToBase64String([0xff, 0x00, 0xfe]), body.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task Bindings_add_from_the_default_exchange_uses_amq_default_and_the_routing_key()
    {
        Node.On("POST", "/api/bindings/%2F/e/amq.default/q/orders", HttpStatusCode.Created);
        Node.On("DELETE", "/api/bindings/%2F/e/events/e/audit", HttpStatusCode.NoContent);

        var added = await RunAsync("bindings", "add", "", "orders", "-k", "orders");
        var removed = await RunAsync("bindings", "remove", "events", "audit", "--to-exchange", "-k", "#");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("Bound the default exchange to queue 'orders' with routing key 'orders'.", added.Stdout.Trim());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal("#", Node.Single("DELETE", "/api/bindings/").Json.GetProperty("routing_key").GetString());
    }

    [Fact]
    public async Task Dlq_redrive_moves_messages_in_batches_until_the_count_is_reached()
    {
        Node.On("GET", "/api/queues/%2F/orders.dlq", HttpStatusCode.OK, Canned.Queue("orders.dlq", messages: 130));
        Node.On("POST", "/api/queues/%2F/orders.dlq/redrive", request => new Reply(HttpStatusCode.OK, new RedriveResult(request.Json.GetProperty("count").GetInt32())));

        var result = await RunAsync("dlq", "redrive", "orders.dlq", "--count", "120", "--to", "orders.retry", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"moved":120}""", result.Stdout.Trim());
        var batches = Node.Requests.Where(r => r.Target.EndsWith("/redrive", StringComparison.Ordinal)).Select(r => r.Json).ToList();
        Assert.Equal([50, 50, 20], batches.Select(b => b.GetProperty("count").GetInt32()));
        Assert.All(batches, b => Assert.Equal("orders.retry", b.GetProperty("target_queue").GetString()));
    }

    [Fact]
    public async Task Dlq_redrive_stops_when_the_queue_runs_dry_and_says_how_many_moved()
    {
        Node.On("GET", "/api/queues/%2F/dlq", HttpStatusCode.OK, Canned.Queue("dlq", messages: 30));
        Node.On("POST", "/api/queues/%2F/dlq/redrive", HttpStatusCode.OK, new RedriveResult(0));

        var result = await RunAsync("dlq", "redrive", "dlq");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Moved 0 messages from 'dlq' to the queues they died in.", result.Stdout.Trim());
    }

    [Fact]
    public async Task Definitions_export_to_a_file_can_be_imported_again()
    {
        var definitions = new Definitions("1.0.0", [], [new VirtualHostDefinition("/")], [new QueueDefinition("/", "orders", true, false, new JsonObject { ["x-max-length"] = 5 })], [], [], []);
        Node.On("GET", "/api/definitions", HttpStatusCode.OK, definitions);
        Node.On("POST", "/api/definitions", HttpStatusCode.OK, new ImportResult(0, 0, 1, 0, 0, 0));
        var file = Path.Combine(_dir, "defs.json");

        var exported = await RunAsync("definitions", "export", "--file", file);
        var imported = await RunAsync("definitions", "import", file, "-o", "json");

        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("Exported 1 queues", exported.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, imported.ExitCode);
        Assert.Equal("""{"users":0,"vhosts":0,"queues":1,"exchanges":0,"bindings":0,"policies":0,"permissions":0,"schemas":0}""", imported.Stdout.Trim());
        var sent = JsonSerializer.Deserialize<Definitions>(Node.Single("POST", "/api/definitions").Body, ManagementJson.Options)!;
        Assert.Equal(5, (int)Assert.Single(sent.Queues).Arguments["x-max-length"]!);
    }

    [Fact]
    public async Task Importing_a_file_that_is_not_a_definitions_document_exits_2_before_calling_the_node()
    {
        var file = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(file, """{"queues": [""");

        var broken = await RunAsync("definitions", "import", file);
        var missing = await RunAsync("definitions", "import", Path.Combine(_dir, "absent.json"));

        Assert.Equal(2, broken.ExitCode);
        Assert.StartsWith("actorbroker: broken.json is not a definitions document", Assert.Single(Lines(broken.Stderr)), StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("file not found", missing.Stderr, StringComparison.Ordinal);
        Assert.Empty(Node.Requests);
    }

    [Fact]
    public async Task Connections_list_shows_each_connection_and_close_sends_the_reason()
    {
        var connection = new ConnectionResource("127.0.0.1:5000 -> 127.0.0.1:5672", "/", "guest", "127.0.0.1:5000", "billing", new JsonObject(), 2, DateTimeOffset.UnixEpoch, "running");
        Node.On("GET", "/api/connections", HttpStatusCode.OK, new[] { connection });
        Node.On("DELETE", "/api/connections/127.0.0.1%3A5000%20-%3E%20127.0.0.1%3A5672", HttpStatusCode.NoContent);

        var listed = await RunAsync("connections", "list");
        var closed = await RunAsync("connections", "close", connection.Name, "--reason", "maintenance");

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(Lines(listed.Stdout), line => line.Contains("billing", StringComparison.Ordinal) && line.Contains("running", StringComparison.Ordinal));
        Assert.Equal(0, closed.ExitCode);
        Assert.Equal("maintenance", Node.Single("DELETE", "/api/connections/").Headers["X-Reason"]);
    }
}
