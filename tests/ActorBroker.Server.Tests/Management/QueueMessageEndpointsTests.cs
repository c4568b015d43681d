using System.Net;
using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBroker.Server.Tests.Management;

public sealed class QueueMessageEndpointsTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task Get_with_ack_removes_the_messages_it_returns()
    {
        await _api.DeclareQueueAsync("acked");
        await _api.PublishAsync("acked", "one");
        await _api.PublishAsync("acked", "two");
        await _api.PublishAsync("acked", "three");

        using var response = await _api.PostJsonAsync("/api/queues/%2F/acked/get", new GetRequest(Count: 2, AckMode: "ack"));
        var got = await response.ReadAsync<GetResult>(HttpStatusCode.OK);
        var left = await _api.GetAsync<PeekResult>("/api/queues/%2F/acked/peek");

        Assert.Equal(["one", "two"], got.Messages.Select(m => m.Payload));
        Assert.Equal(1, got.MessagesLeft);
        Assert.Equal(["three"], left.Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task Get_with_requeue_keeps_the_messages_in_order_and_flags_them_redelivered()
    {
        await _api.DeclareQueueAsync("requeued");
        await _api.PublishAsync("requeued", "first");
        await _api.PublishAsync("requeued", "second");

        using var response = await _api.PostJsonAsync("/api/queues/%2F/requeued/get", new GetRequest(Count: 1, AckMode: "requeue"));
        var got = await response.ReadAsync<GetResult>(HttpStatusCode.OK);
        var after = await _api.GetAsync<PeekResult>("/api/queues/%2F/requeued/peek");

        var taken = Assert.Single(got.Messages);
        Assert.False(taken.Redelivered);
        Assert.Equal(2, got.MessagesLeft);
        Assert.Equal(["first", "second"], after.Messages.Select(m => m.Payload));
        Assert.True(after.Messages[0].Redelivered);
        Assert.False(after.Messages[1].Redelivered);
    }

    [Fact]
    public async Task Get_from_an_empty_queue_returns_no_messages()
    {
        await _api.DeclareQueueAsync("empty-get");

        using var response = await _api.PostJsonAsync("/api/queues/%2F/empty-get/get", new GetRequest(Count: 5, AckMode: "ack"));

        var got = await response.ReadAsync<GetResult>(HttpStatusCode.OK);
        Assert.Empty(got.Messages);
        Assert.Equal(0, got.MessagesLeft);
    }

    [Fact]
    public async Task Get_with_an_unknown_ack_mode_is_a_400_naming_it()
    {
        await _api.DeclareQueueAsync("bad-mode");

        using var response = await _api.PostJsonAsync("/api/queues/%2F/bad-mode/get", new GetRequest(Count: 1, AckMode: "maybe"));

        Assert.Contains("ack_mode", (await response.ErrorAsync(HttpStatusCode.BadRequest)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peek_get_purge_and_redrive_of_a_missing_queue_are_404s_naming_it()
    {
        using var peek = await _api.GetAsync("/api/queues/%2F/absent/peek");
        using var get = await _api.PostJsonAsync("/api/queues/%2F/absent/get", new GetRequest());
        using var purge = await _api.DeleteAsync("/api/queues/%2F/absent/contents");
        using var redrive = await _api.PostJsonAsync("/api/queues/%2F/absent/redrive", new RedriveRequest());

        foreach (var response in new[] { peek, get, purge, redrive })
        {
            Assert.Contains("'absent'", (await response.ErrorAsync(HttpStatusCode.NotFound)).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Peek_shows_the_first_messages_and_leaves_them_in_the_queue()
    {
        await _api.DeclareQueueAsync("peeked");
        for (var i = 0; i < 5; i++)
        {
            await _api.PublishAsync("peeked", $"m{i}");
        }

        var first = await _api.GetAsync<PeekResult>("/api/queues/%2F/peeked/peek?count=3");
        var queue = await _api.GetAsync<QueueResource>("/api/queues/%2F/peeked");

        Assert.Equal(["m0", "m1", "m2"], first.Messages.Select(m => m.Payload));
        Assert.Equal(5, queue.MessagesReady);
    }

    [Fact]
    public async Task Peek_with_a_count_out_of_range_is_a_400()
    {
        await _api.DeclareQueueAsync("peek-range");

        using var response = await _api.GetAsync("/api/queues/%2F/peek-range/peek?count=0");

        Assert.Contains("count", (await response.ErrorAsync(HttpStatusCode.BadRequest)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_reports_how_many_messages_it_removed()
    {
        await _api.DeclareQueueAsync("purged");
        await _api.PublishAsync("purged", "a");
        await _api.PublishAsync("purged", "b");

        using var response = await _api.DeleteAsync("/api/queues/%2F/purged/contents");

        Assert.Equal(2, (await response.ReadAsync<MessagesRemoved>(HttpStatusCode.OK)).Messages);
        Assert.Equal(0, (await _api.GetAsync<QueueResource>("/api/queues/%2F/purged")).Messages);
    }

    [Fact]
    public async Task Redrive_moves_the_number_of_messages_asked_for()
    {
        await _api.DeclareQueueAsync("parked");
        await _api.DeclareQueueAsync("retried");
        foreach (var payload in new[] { "a", "b", "c" })
        {
            await _api.PublishAsync("parked", payload);
        }

        using var response = await _api.PostJsonAsync("/api/queues/%2F/parked/redrive", new RedriveRequest(Count: 2, TargetQueue: "retried"));

        Assert.Equal(2, (await response.ReadAsync<RedriveResult>(HttpStatusCode.OK)).Moved);
        Assert.Equal(["a", "b"], (await _api.GetAsync<PeekResult>("/api/queues/%2F/retried/peek")).Messages.Select(m => m.Payload));
        Assert.Equal(["c"], (await _api.GetAsync<PeekResult>("/api/queues/%2F/parked/peek")).Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task Redrive_without_a_target_moves_dead_letters_back_to_the_queue_they_died_in()
    {
        await _api.DeclareQueueAsync("work.dlq");
        await _api.DeclareQueueAsync("work", new
        {
            durable = false,
            arguments = new JsonObject { ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "work.dlq" },
        });
        await _api.PublishAsync("work", "poison");
        await using (var connection = await node.Broker.ConnectAsync())
        {
            var channel = await connection.CreateChannelAsync();
            (await channel.GetAsync("work")).Delivery!.Reject(requeue: false);
        }

        await Eventually.HoldsAsync(async () => (await _api.GetAsync<QueueResource>("/api/queues/%2F/work.dlq")).Messages == 1, "dead-lettering");
        using var response = await _api.PostJsonAsync("/api/queues/%2F/work.dlq/redrive", new { });

        Assert.Equal(1, (await response.ReadAsync<RedriveResult>(HttpStatusCode.OK)).Moved);
        Assert.Equal(["poison"], (await _api.GetAsync<PeekResult>("/api/queues/%2F/work/peek")).Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task Redrive_without_a_count_moves_every_message()
    {
        await _api.DeclareQueueAsync("parked-all");
        await _api.DeclareQueueAsync("retried-all");
        await _api.PublishAsync("parked-all", "a");
        await _api.PublishAsync("parked-all", "b");

        using var response = await _api.PostJsonAsync("/api/queues/%2F/parked-all/redrive", new RedriveRequest(TargetQueue: "retried-all"));

        Assert.Equal(2, (await response.ReadAsync<RedriveResult>(HttpStatusCode.OK)).Moved);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_shown_as_base64_and_properties_come_back_as_published()
    {
        await _api.DeclareQueueAsync("binary");
        using var publish = await _api.PostJsonAsync("/api/exchanges/%2F/amq.default/publish", new PublishRequest(
            "binary",
            Convert.ToBase64String([0xff, 0x00, 0xfe]),
            "base64",
            new MessageProperties(ContentType: "application/octet-stream", DeliveryMode: 2, Priority: 3, MessageId: "m-1",
                Timestamp: 1_700_000_000, Expiration: "60000", Headers: new JsonObject { ["tenant"] = "acme", ["attempt"] = 2, ["nested"] = new JsonObject { ["ok"] = true } })));
        await publish.AssertStatusAsync(HttpStatusCode.OK);

        var message = Assert.Single((await _api.GetAsync<PeekResult>("/api/queues/%2F/binary/peek")).Messages);

        Assert.Equal("base64", message.PayloadEncoding);
        Assert.Equal([0xff, 0x00, 0xfe], Convert.FromBase64String(message.Payload));
        Assert.Equal(3, message.PayloadBytes);
        var properties = message.Properties;
        Assert.Equal(("application/octet-stream", 2, 3, "m-1", 1_700_000_000L, "60000"),
            (properties.ContentType, properties.DeliveryMode, properties.Priority, properties.MessageId, properties.Timestamp, properties.Expiration));
        Assert.Equal("acme", properties.Headers!["tenant"]!.GetValue<string>());
        Assert.Equal(2, properties.Headers["attempt"]!.GetValue<long>());
        Assert.True(properties.Headers["nested"]!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Peek_and_get_show_the_amqp_type_of_every_header_a_client_published_also_nested()
    {
        await _api.DeclareQueueAsync("typed");
        var port = node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port;
        await using (var connection = await new ConnectionFactory { HostName = "127.0.0.1", Port = port, AutomaticRecoveryEnabled = false }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            var headers = new Dictionary<string, object?>
            {
                ["int"] = 5,
                ["short"] = (short)6,
                ["sbyte"] = (sbyte)-7,
                ["byte"] = (byte)8,
                ["float"] = 0.25f,
                ["long"] = 9L,
                ["nested"] = new Dictionary<string, object?> { ["int"] = 1, ["list"] = new List<object?> { (byte)2, "s" } },
            };
            await channel.BasicPublishAsync("", "typed", true, new BasicProperties { Headers = headers }, "m"u8.ToArray());
        }

        var peeked = Assert.Single((await _api.GetAsync<PeekResult>("/api/queues/%2F/typed/peek")).Messages).Properties;
        using var response = await _api.PostJsonAsync("/api/queues/%2F/typed/get", new GetRequest(Count: 1, AckMode: "ack"));
        var got = Assert.Single((await response.ReadAsync<GetResult>(HttpStatusCode.OK)).Messages).Properties;

        // RabbitMQ.Client adds its confirm tracking header (a long) to every publish it tracks.
        Assert.Equal("long", peeked.HeaderTypes!["x-dotnet-pub-seq-no"]!.GetValue<string>());
        peeked.HeaderTypes.Remove("x-dotnet-pub-seq-no");
        got.HeaderTypes!.Remove("x-dotnet-pub-seq-no");
        const string expected = """{"int":"signedint","short":"short","sbyte":"byte","byte":"unsignedbyte","float":"float","long":"long","nested":{"int":"signedint","list":["unsignedbyte","longstr"]}}""";
        Assert.Equal(expected, peeked.HeaderTypes.ToJsonString());
        Assert.Equal(expected, got.HeaderTypes.ToJsonString());
        Assert.Equal(0.25, peeked.Headers!["float"]!.GetValue<double>());
        Assert.Equal(5, peeked.Headers["int"]!.GetValue<int>());
    }
}
