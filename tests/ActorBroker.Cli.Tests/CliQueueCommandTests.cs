using System.Net;
using System.Text.Json;
using ActorBroker.Cli.Tests.Fakes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests;

public sealed class CliQueueCommandTests : FakeNodeTests
{
    private const string FirstPage = "/api/queues/%2F?page=1&page_size=100&sort=name&sort_reverse=false";

    [Fact]
    public async Task Queues_list_prints_a_table_row_per_queue_with_its_counts()
    {
        Node.On("GET", FirstPage, HttpStatusCode.OK, Canned.Page(Canned.Queue("orders", messages: 1234), Canned.Queue("invoices")));

        var result = await RunAsync("queues", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var orders = Assert.Single(Lines(result.Stdout), line => line.Contains("orders", StringComparison.Ordinal));
        Assert.Contains("1,234", orders, StringComparison.Ordinal);
        Assert.Contains("12.5", orders, StringComparison.Ordinal);
        Assert.Contains(Lines(result.Stdout), line => line.Contains("invoices", StringComparison.Ordinal));
        Assert.Contains(Lines(result.Stdout), line => line.Contains("Messages", StringComparison.Ordinal) && line.Contains("Consumers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queues_list_json_prints_the_page_resource_and_nothing_else()
    {
        var page = Canned.Page(Canned.Queue("orders", messages: 3));
        Node.On("GET", FirstPage, HttpStatusCode.OK, page);

        var result = await RunAsync("queues", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var printed = JsonSerializer.Deserialize<PagedList<QueueResource>>(result.Stdout, ManagementJson.Options)!;
        Assert.Equal(3, Assert.Single(printed.Items).Messages);
        Assert.Equal(JsonSerializer.Serialize(page, ManagementJson.Options), result.Stdout.Trim());
    }

    [Fact]
    public async Task An_empty_queue_list_says_so()
    {
        Node.On("GET", FirstPage, HttpStatusCode.OK, Canned.Page());

        var result = await RunAsync("queues", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No queues.", result.Stdout.Trim());
    }

    [Fact]
    public async Task Queues_list_across_vhosts_with_a_filter_asks_for_all_vhosts_and_shows_them()
    {
        Node.On("GET", "/api/queues?page=2&page_size=10&sort=messages&sort_reverse=true&name=ord", HttpStatusCode.OK,
            Canned.Page(Canned.Queue("orders", vhost: "shop")) with { Page = 2, PageCount = 3 });

        var result = await RunAsync("queues", "list", "--all-vhosts", "--name", "ord", "--page", "2", "--page-size", "10", "--sort", "messages", "--reverse");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Lines(result.Stdout), line => line.Contains("shop", StringComparison.Ordinal) && line.Contains("orders", StringComparison.Ordinal));
        Assert.Contains("Page 2 of 3", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queues_declare_sends_typed_arguments_and_says_whether_it_created_the_queue()
    {
        Node.On("PUT", "/api/queues/shop/orders", HttpStatusCode.Created);

        var result = await RunAsync("queues", "declare", "orders", "--vhost", "shop", "--durable", "false", "--arg", "x-max-length=10", "--arg", "x-dead-letter-exchange=dlx");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Declared queue 'orders' in vhost 'shop'.", result.Stdout.Trim());
        var body = Node.Single("PUT", "/api/queues/shop/orders").Json;
        Assert.False(body.GetProperty("durable").GetBoolean());
        Assert.Equal(10, body.GetProperty("arguments").GetProperty("x-max-length").GetInt32());
        Assert.Equal("dlx", body.GetProperty("arguments").GetProperty("x-dead-letter-exchange").GetString());
    }

    [Fact]
    public async Task Queues_delete_and_purge_report_the_messages_removed()
    {
        Node.On("DELETE", "/api/queues/%2F/orders?if_unused=true&if_empty=false", HttpStatusCode.OK, new MessagesRemoved(4));
        Node.On("DELETE", "/api/queues/%2F/invoices/contents", HttpStatusCode.OK, new MessagesRemoved(2));

        var deleted = await RunAsync("queues", "delete", "orders", "--if-unused");
        var purged = await RunAsync("queues", "purge", "invoices", "-o", "json");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal("Deleted queue 'orders' from vhost '/' (4 messages removed).", deleted.Stdout.Trim());
        Assert.Equal(0, purged.ExitCode);
        Assert.Equal("""{"messages":2}""", purged.Stdout.Trim());
    }

    [Fact]
    public async Task Queues_peek_shows_the_payloads_of_the_first_messages()
    {
        Node.On("GET", "/api/queues/%2F/orders/peek?count=2", HttpStatusCode.OK, new PeekResult([Canned.Message("first order"), Canned.Message("second order")]));

        var result = await RunAsync("queues", "peek", "orders", "--count", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Lines(result.Stdout), line => line.Contains("first order", StringComparison.Ordinal) && line.Contains("content_type=text/plain", StringComparison.Ordinal));
        Assert.Contains(Lines(result.Stdout), line => line.Contains("second order", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_with_ack_mode_ack_asks_the_node_to_remove_the_messages()
    {
        Node.On("POST", "/api/queues/%2F/orders/get", HttpStatusCode.OK, new GetResult([Canned.Message("one")], MessagesLeft: 6));

        var result = await RunAsync("get", "orders", "--count", "3", "--ack-mode", "ack");

        Assert.Equal(0, result.ExitCode);
        var body = Node.Single("POST", "/api/queues/%2F/orders/get").Json;
        Assert.Equal(3, body.GetProperty("count").GetInt32());
        Assert.Equal("ack", body.GetProperty("ack_mode").GetString());
        Assert.Contains("1 messages removed; 6 ready in 'orders'.", result.Stdout, StringComparison.Ordinal);
    }
}
