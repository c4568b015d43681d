using System.Net;
using System.Net.Sockets;
using ActorBroker.Cli.Tests.Fakes;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests;

public sealed class ManagementClientTests : IAsyncLifetime
{
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private ManagementClient Client(string password = "guest") => new(_node.Url, "guest", password);

    [Fact]
    public async Task The_vhost_slash_and_names_with_special_characters_are_escaped_as_single_path_segments()
    {
        _node.On("GET", "/api/queues/%2F/a%2Fb%20c%23d", HttpStatusCode.OK, Canned.Queue("a/b c#d"));
        using var client = Client();

        var queue = await client.GetQueueAsync("/", "a/b c#d");

        Assert.Equal("a/b c#d", queue.Name);
    }

    [Fact]
    public async Task The_default_exchange_is_addressed_as_amq_default_in_paths()
    {
        _node.On("POST", "/api/exchanges/%2F/amq.default/publish", HttpStatusCode.OK, new PublishResult(true));
        _node.On("POST", "/api/bindings/vh/e/amq.default/q/orders", HttpStatusCode.Created);
        using var client = Client();

        var published = await client.PublishAsync("/", "", new PublishRequest("orders", "hello"));
        await client.AddBindingAsync("vh", "", BindingDestinationType.Queue, "orders", new BindingRequest("orders"));

        Assert.True(published.Routed);
        Assert.Equal("orders", _node.Single("POST", "/api/bindings/").Json.GetProperty("routing_key").GetString());
    }

    [Fact]
    public async Task Requests_carry_basic_credentials_and_snake_case_json()
    {
        _node.On("PUT", "/api/queues/%2F/orders", HttpStatusCode.Created);
        using var client = Client();

        var outcome = await client.DeclareQueueAsync("/", "orders", new QueueDeclareRequest(Durable: false, AutoDelete: true));

        Assert.Equal(DeclareOutcome.Created, outcome);
        var request = _node.Single("PUT", "/api/queues/%2F/orders");
        Assert.Equal("Basic Z3Vlc3Q6Z3Vlc3Q=", request.Headers["Authorization"]);
        Assert.False(request.Json.GetProperty("durable").GetBoolean());
        Assert.True(request.Json.GetProperty("auto_delete").GetBoolean());
    }

    [Fact]
    public async Task An_equivalent_redeclare_reports_that_the_queue_already_existed()
    {
        _node.On("PUT", "/api/queues/%2F/orders", HttpStatusCode.NoContent);
        using var client = Client();

        Assert.Equal(DeclareOutcome.AlreadyExisted, await client.DeclareQueueAsync("/", "orders", new QueueDeclareRequest()));
    }

    [Fact]
    public async Task Queue_lists_send_paging_sorting_and_the_escaped_name_filter()
    {
        _node.On("GET", "/api/queues/%2F?page=2&page_size=5&sort=messages&sort_reverse=true&name=a%26b", HttpStatusCode.OK, Canned.Page(Canned.Queue("a&b")));
        using var client = Client();

        var page = await client.ListQueuesAsync("/", new QueueListQuery(2, 5, "messages", SortReverse: true, NameContains: "a&b"));

        Assert.Equal("a&b", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task An_error_reply_throws_with_its_status_code_and_the_nodes_reason()
    {
        _node.OnError("GET", "/api/queues/%2F/missing", HttpStatusCode.NotFound, "not_found", "no queue 'missing' in vhost '/'");
        using var client = Client();

        var e = await Assert.ThrowsAsync<ManagementApiException>(() => client.GetQueueAsync("/", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal("not_found", e.Error);
        Assert.Equal("no queue 'missing' in vhost '/'", e.Reason);
        Assert.Equal("GET api/queues/%2F/missing", e.Request);
    }

    [Fact]
    public async Task An_error_reply_without_an_error_body_still_carries_the_status()
    {
        _node.On("GET", "/api/overview", HttpStatusCode.BadGateway, "<html>proxy error</html>");
        using var client = Client();

        var e = await Assert.ThrowsAsync<ManagementApiException>(() => client.GetOverviewAsync());

        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        Assert.Equal("bad_gateway", e.Error);
        Assert.Contains("502", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_throw_401()
    {
        using var client = Client(password: "wrong");

        var e = await Assert.ThrowsAsync<ManagementApiException>(() => client.GetWhoAmIAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
    }

    [Fact]
    public async Task A_refused_connection_names_the_url_it_tried()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort.Get()}");
        using var client = new ManagementClient(url, "guest", "guest");

        var e = await Assert.ThrowsAsync<NodeUnreachableException>(() => client.GetOverviewAsync());

        Assert.StartsWith($"node not reachable at {url}", e.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_in_time_counts_as_unreachable()
    {
        // A listener that accepts connections but never answers them.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        using var client = new ManagementClient(url, "guest", "guest", timeout: TimeSpan.FromMilliseconds(300));

        var e = await Assert.ThrowsAsync<NodeUnreachableException>(() => client.GetOverviewAsync());

        Assert.Contains("no answer within 0.3 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_is_not_the_contract_resource_is_reported_not_thrown_as_json_errors()
    {
        _node.On("GET", "/api/overview", HttpStatusCode.OK, "not json");
        using var client = Client();

        var e = await Assert.ThrowsAsync<ManagementApiException>(() => client.GetOverviewAsync());

        Assert.Equal("bad_reply", e.Error);
    }

    [Fact]
    public async Task Closing_a_connection_sends_the_reason_header_and_an_escaped_name()
    {
        _node.On("DELETE", "/api/connections/127.0.0.1%3A5000%20-%3E%20127.0.0.1%3A5672", HttpStatusCode.NoContent);
        using var client = Client();

        await client.CloseConnectionAsync("127.0.0.1:5000 -> 127.0.0.1:5672", "maintenance");

        Assert.Equal("maintenance", _node.Single("DELETE", "/api/connections/").Headers["X-Reason"]);
    }

    [Fact]
    public async Task Readiness_reports_recovering_instead_of_throwing_on_503()
    {
        _node.On("GET", "/health/ready", HttpStatusCode.ServiceUnavailable, new HealthStatus("recovering"));
        using var client = Client();

        Assert.Equal("recovering", (await client.GetReadinessAsync()).Status);
    }
}
