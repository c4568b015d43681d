using System.Net;
using ActorBroker.Cli.Tests.Fakes;

namespace ActorBroker.Cli.Tests;

public sealed class CliErrorTests : FakeNodeTests
{
    [Fact]
    public async Task Wrong_credentials_exit_4_with_one_line_saying_so_and_naming_the_user()
    {
        var result = await RunAsync("queues", "list", "--user", "guest", "--password", "nope");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith("actorbroker: wrong credentials:", line, StringComparison.Ordinal);
        Assert.Contains("user 'guest'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("nope", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_the_right_exits_4_with_the_nodes_reason()
    {
        Node.OnError("DELETE", "/api/queues/%2F/orders?if_unused=false&if_empty=false", HttpStatusCode.Forbidden, "forbidden", "user 'guest' is tagged monitoring: read-only");

        var result = await RunAsync("queues", "delete", "orders");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("tagged monitoring: read-only", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_queue_exits_5_with_a_line_naming_the_queue()
    {
        Node.OnError("GET", "/api/queues/%2F/orders/peek?count=10", HttpStatusCode.NotFound, "not_found", "no queue 'orders' in vhost '/'");

        var result = await RunAsync("queues", "peek", "orders", "--output", "json");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("actorbroker: not found: no queue 'orders' in vhost '/'", Assert.Single(Lines(result.Stderr)));
    }

    [Fact]
    public async Task Redeclaring_a_queue_differently_exits_6()
    {
        Node.OnError("PUT", "/api/queues/%2F/orders", HttpStatusCode.Conflict, "precondition_failed", "queue 'orders' exists with durable=true");

        var result = await RunAsync("queues", "declare", "orders", "--durable", "false");

        Assert.Equal(6, result.ExitCode);
        Assert.Equal("actorbroker: precondition failed: queue 'orders' exists with durable=true", Assert.Single(Lines(result.Stderr)));
    }

    [Fact]
    public async Task A_closed_port_exits_3_with_one_line_naming_the_url()
    {
        var url = $"http://127.0.0.1:{ClosedPort.Get()}";

        var result = await CliRunner.RunAsync("status", "--url", url);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith($"actorbroker: node not reachable at {url}/: connection refused", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_url_user_and_password_come_from_the_environment_when_no_option_is_given()
    {
        Node.On("GET", "/api/exchanges/%2F", HttpStatusCode.OK, Array.Empty<object>());
        var environment = new Dictionary<string, string> { ["ACTORBROKER_URL"] = Node.Url.ToString(), ["ACTORBROKER_USER"] = "guest", ["ACTORBROKER_PASSWORD"] = "wrong" };

        var refused = await CliRunner.RunAsync(environment, "exchanges", "list");
        environment["ACTORBROKER_PASSWORD"] = "guest";
        var accepted = await CliRunner.RunAsync(environment, "exchanges", "list", "-o", "json");

        Assert.Equal(4, refused.ExitCode);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Equal("[]", accepted.Stdout.Trim());
    }

    [Fact]
    public async Task A_bad_command_line_exits_2_without_calling_the_node()
    {
        var missingArgument = await RunAsync("queues", "peek");
        var badRange = await RunAsync("queues", "list", "--page-size", "501");

        Assert.Equal(2, missingArgument.ExitCode);
        Assert.Equal(2, badRange.ExitCode);
        Assert.Contains("--page-size must be between 1 and 500, got 501", badRange.Stderr, StringComparison.Ordinal);
        Assert.Equal("", badRange.Stdout);
        Assert.Empty(Node.Requests);
    }

    [Fact]
    public async Task A_request_the_node_refuses_as_malformed_exits_2_with_its_reason()
    {
        Node.OnError("GET", "/api/queues/%2F?page=1&page_size=100&sort=colour&sort_reverse=false", HttpStatusCode.BadRequest, "bad_request", "sort: unknown key 'colour'");

        var result = await RunAsync("queues", "list", "--sort", "colour");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("actorbroker: the node refused the request: sort: unknown key 'colour'", Assert.Single(Lines(result.Stderr)));
    }

    [Fact]
    public async Task A_server_error_exits_1_with_one_line_and_no_stack_trace()
    {
        Node.OnError("GET", "/api/overview", HttpStatusCode.InternalServerError, "internal_error", "journal unavailable");

        var result = await RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.Contains("500 internal_error: journal unavailable", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_is_not_json_exits_1_with_one_line()
    {
        Node.On("GET", "/api/overview", HttpStatusCode.OK, "<html>not the api</html>");

        var result = await RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unexpected reply, not the API's JSON", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
    }
}
