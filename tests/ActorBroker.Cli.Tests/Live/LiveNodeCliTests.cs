using System.Text.Json;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests.Live;

[Collection(LiveNode.Name)]
public sealed class LiveNodeCliTests(LiveNode node)
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static T Json<T>(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return JsonSerializer.Deserialize<T>(result.Stdout, ManagementJson.Options)!;
    }

    [Fact]
    public async Task A_queue_goes_through_declare_list_publish_peek_get_purge_and_delete()
    {
        var queue = "cli-lifecycle-" + Guid.NewGuid().ToString("N")[..8];

        var declared = await node.RunAsync("queues", "declare", queue, "--arg", "x-max-length=100");
        Assert.Equal((0, $"Declared queue '{queue}' in vhost '/'."), (declared.ExitCode, declared.Stdout.Trim()));

        var listed = Json<PagedList<QueueResource>>(await node.RunAsync("queues", "list", "--name", queue, "-o", "json"));
        var row = Assert.Single(listed.Items);
        Assert.Equal(100, (int)row.Arguments["x-max-length"]!);

        Assert.Equal(0, (await node.RunAsync("publish", "first order", "-k", queue)).ExitCode);
        Assert.Equal(0, (await node.RunAsync("publish", "second order", "-k", queue)).ExitCode);

        var peeked = await node.RunAsync("queues", "peek", queue);
        Assert.Equal(0, peeked.ExitCode);
        Assert.Contains(Lines(peeked.Stdout), line => line.Contains("first order", StringComparison.Ordinal));
        Assert.Contains(Lines(peeked.Stdout), line => line.Contains("second order", StringComparison.Ordinal));

        var got = Json<GetResult>(await node.RunAsync("get", queue, "--ack-mode", "ack", "-o", "json"));
        Assert.Equal("first order", Assert.Single(got.Messages).Payload);
        Assert.Equal(1, got.MessagesLeft);

        Assert.Equal(1, Json<MessagesRemoved>(await node.RunAsync("queues", "purge", queue, "-o", "json")).Messages);

        var deleted = await node.RunAsync("queues", "delete", queue);
        Assert.Equal(0, deleted.ExitCode);
        var after = Json<PagedList<QueueResource>>(await node.RunAsync("queues", "list", "--name", queue, "-o", "json"));
        Assert.Empty(after.Items);
    }

    [Fact]
    public async Task Commands_on_a_missing_queue_exit_5_with_a_line_naming_it()
    {
        foreach (var command in new[] { "peek", "purge", "delete" })
        {
            var result = await node.RunAsync("queues", command, "no-such-queue", "-o", "json");

            Assert.Equal(5, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.Contains("no-such-queue", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Wrong_credentials_exit_4_and_a_ready_node_has_status_0()
    {
        var refused = await node.RunAsync("status", "--password", "wrong");
        var status = await node.RunAsync("status");

        Assert.Equal(4, refused.ExitCode);
        Assert.StartsWith("actorbroker: wrong credentials", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains(Lines(status.Stdout), line => line.StartsWith("Ready", StringComparison.Ordinal) && line.Contains("yes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redeclaring_a_queue_differently_exits_6()
    {
        var queue = "cli-conflict-" + Guid.NewGuid().ToString("N")[..8];
        await node.Client.DeclareQueueAsync("/", queue, new QueueDeclareRequest());

        var again = await node.RunAsync("queues", "declare", queue);
        var different = await node.RunAsync("queues", "declare", queue, "--durable", "false");

        Assert.Equal((0, $"Queue '{queue}' already exists in vhost '/' as declared."), (again.ExitCode, again.Stdout.Trim()));
        Assert.Equal(6, different.ExitCode);
        Assert.Single(Lines(different.Stderr));
    }

    [Fact]
    public async Task A_message_published_through_a_bound_exchange_reaches_the_queue()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var exchange = "cli-events-" + suffix;
        var queue = "cli-audit-" + suffix;
        await node.Client.DeclareQueueAsync("/", queue, new QueueDeclareRequest());

        var declared = await node.RunAsync("exchanges", "declare", exchange, "--type", "topic");
        var bound = await node.RunAsync("bindings", "add", exchange, queue, "-k", "order.*");
        var routed = Json<PublishResult>(await node.RunAsync("publish", "created", "-e", exchange, "-k", "order.created", "-o", "json"));

        Assert.Equal((0, 0), (declared.ExitCode, bound.ExitCode));
        Assert.True(routed.Routed);
        Assert.Equal("topic", (await node.Client.GetExchangeAsync("/", exchange)).Type);
        Assert.Contains(await node.Client.ListQueueBindingsAsync("/", queue), b => b.Source == exchange && b.RoutingKey == "order.*");
        Assert.Equal("created", Assert.Single((await node.Client.PeekAsync("/", queue)).Messages).Payload);
    }

    [Fact]
    public async Task Consume_prints_count_messages_as_json_lines_and_leaves_the_rest_in_the_queue()
    {
        var queue = "cli-consume-" + Guid.NewGuid().ToString("N")[..8];
        await node.Client.DeclareQueueAsync("/", queue, new QueueDeclareRequest());
        foreach (var payload in new[] { "one", "two", "three" })
            await node.Client.PublishAsync("/", "", new PublishRequest(queue, payload));

        var consumed = await CliRunner.RunAsync("consume", queue, "--amqp-url", node.AmqpUrl.ToString(), "--count", "2", "--output", "json");

        Assert.True(consumed.ExitCode == 0, consumed.Stderr);
        var messages = Lines(consumed.Stdout).Select(line => JsonSerializer.Deserialize<MessageResource>(line, ManagementJson.Options)!).ToList();
        Assert.Equal(["one", "two"], messages.Select(m => m.Payload));
        var left = await node.Client.PeekAsync("/", queue);
        Assert.Equal("three", Assert.Single(left.Messages).Payload);
    }

    [Fact]
    public async Task Peek_and_consume_show_the_amqp_type_of_every_header_a_client_published()
    {
        var queue = "cli-typed-" + Guid.NewGuid().ToString("N")[..8];
        await node.Client.DeclareQueueAsync("/", queue, new QueueDeclareRequest());
        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = node.AmqpUrl, AutomaticRecoveryEnabled = false }.CreateConnectionAsync())
        // Without confirm tracking (its header would crowd the table); the node enqueues a publish before it answers the channel's close.
        await using (var channel = await connection.CreateChannelAsync())
        {
            var headers = new Dictionary<string, object?> { ["n"] = 5, ["nested"] = new Dictionary<string, object?> { ["f"] = 0.5f } };
            await channel.BasicPublishAsync("", queue, false, new RabbitMQ.Client.BasicProperties { Headers = headers }, "typed"u8.ToArray());
        }

        var table = await node.RunAsync("queues", "peek", queue);
        var peeked = Json<PeekResult>(await node.RunAsync("queues", "peek", queue, "-o", "json"));
        var consumed = await CliRunner.RunAsync("consume", queue, "--amqp-url", node.AmqpUrl.ToString(), "--count", "1", "--output", "json");

        Assert.Contains("""headers={"n":5:signedint,"nested":{"f":0.5:""", table.Stdout, StringComparison.Ordinal);
        const string types = """{"n":"signedint","nested":{"f":"float"}}""";
        Assert.Equal(types, Assert.Single(peeked.Messages).Properties.HeaderTypes!.ToJsonString());
        Assert.True(consumed.ExitCode == 0, consumed.Stderr);
        Assert.Equal(types, JsonSerializer.Deserialize<MessageResource>(consumed.Stdout, ManagementJson.Options)!.Properties.HeaderTypes!.ToJsonString());
    }

    [Fact]
    public async Task Consume_from_a_missing_queue_exits_5()
    {
        var result = await CliRunner.RunAsync("consume", "no-such-queue", "--amqp-url", node.AmqpUrl.ToString());

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("no-such-queue", Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_streams_messages_as_they_arrive_until_stopped_by_a_signal_and_then_exits_0()
    {
        var queue = "cli-stream-" + Guid.NewGuid().ToString("N")[..8];
        await node.Client.DeclareQueueAsync("/", queue, new QueueDeclareRequest());
        using var consume = CliRunner.Start("consume", queue, "--amqp-url", node.AmqpUrl.ToString(), "--ack", "manual");

        await node.Client.PublishAsync("/", "", new PublishRequest(queue, "early"));
        var first = await consume.ReadLineAsync();
        await node.Client.PublishAsync("/", "", new PublishRequest(queue, "late"));
        var second = await consume.ReadLineAsync();
        consume.Terminate();
        var (exitCode, stderr) = await consume.WaitForExitAsync();

        Assert.EndsWith(": early", first, StringComparison.Ordinal);
        Assert.EndsWith(": late", second, StringComparison.Ordinal);
        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Equal(0, (await node.Client.GetQueueAsync("/", queue)).Messages);
    }
}
