using System.Text.Json;
using System.Threading.Channels;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Cli.Tests.Live;

[Collection(LiveNode.Name)]
public sealed class LiveNodeStreamCommandTests(LiveNode node)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_super_stream_is_declared_shows_its_partitions_and_its_groups_lag()
    {
        var name = "cli-orders-" + Guid.NewGuid().ToString("N")[..8];

        var declared = await node.RunAsync("streams", "declare-super", name, "--partitions", "3", "--max-age", "7D");
        Assert.Equal((0, $"Declared super stream '{name}' with 3 partitions in vhost '/'."), (declared.ExitCode, declared.Stdout.Trim()));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, (await node.RunAsync("publish", $"order {i}", "-k", $"{name}-0")).ExitCode);
        }

        await AckAsGroupAsync($"{name}-0", "billing", 2);

        var partitions = await node.RunAsync("streams", "partitions", name, "-o", "json");
        Assert.True(partitions.ExitCode == 0, partitions.Stderr);
        var streams = JsonSerializer.Deserialize<List<QueueResource>>(partitions.Stdout, ManagementJson.Options)!;
        Assert.Equal([$"{name}-0", $"{name}-1", $"{name}-2"], streams.Select(s => s.Name));
        Assert.Equal([5L, 0, 0], streams.Select(s => s.Messages));
        Assert.Equal("7D", (string)streams[0].Arguments["x-max-age"]!);

        var groups = await node.RunAsync("streams", "groups", name);
        Assert.True(groups.ExitCode == 0, groups.Stderr);
        var row = Assert.Single(groups.Stdout.Split('\n'), line => line.Contains("billing", StringComparison.Ordinal));
        // Stream, group, committed offset, lag, members (0: the member left), between the table's borders.
        Assert.Equal([$"{name}-0", "billing", "2", "3", "0"], row.Split([' ', '│'], StringSplitOptions.RemoveEmptyEntries)[..5]);
    }

    [Fact]
    public async Task Delete_super_deletes_a_super_stream_with_its_partitions_and_refuses_another_exchange()
    {
        var name = "cli-gone-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await node.RunAsync("streams", "declare-super", name, "--partitions", "2")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("exchanges", "declare", name + "-plain")).ExitCode);

        var deleted = await node.RunAsync("streams", "delete-super", name);
        var refused = await node.RunAsync("streams", "delete-super", name + "-plain");

        Assert.Equal((0, $"Deleted super stream '{name}' and its 2 partitions from vhost '/'."), (deleted.ExitCode, deleted.Stdout.Trim()));
        foreach (var partition in new[] { $"{name}-0", $"{name}-1" })
        {
            var gone = await Assert.ThrowsAsync<ManagementApiException>(() => node.Client.GetQueueAsync("/", partition));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not a super stream", refused.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("superstream", 1)]
    [InlineData("stream-4-readers", 4)]
    public async Task The_stream_perf_workloads_deliver_every_message_to_each_reader_once(string workload, int deliveriesPerMessage)
    {
        var result = await CliRunner.RunAsync("perf", "--url", node.AmqpUrl.ToString(), "--workload", workload, "--duration", "1s", "--output", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var run = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results")[0];
        var sent = run.GetProperty("sent").GetInt64();
        Assert.True(sent > 0, result.Stdout);
        Assert.Equal(
            (sent * deliveriesPerMessage, 0L, 0L, 0L),
            (run.GetProperty("delivered").GetInt64(), run.GetProperty("lost").GetInt64(), run.GetProperty("duplicated").GetInt64(), run.GetProperty("unexpected").GetInt64()));
    }

    /// <summary>A group member acks the first <paramref name="count"/> messages, then leaves; returns once the commit is durable.</summary>
    private async Task AckAsGroupAsync(string stream, string group, int count)
    {
        var factory = new ConnectionFactory { Uri = node.AmqpUrl, AutomaticRecoveryEnabled = false };
        await using (var connection = await factory.CreateConnectionAsync().WaitAsync(s_timeout))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.BasicQosAsync(0, (ushort)count, false);
            var deliveries = Channel.CreateUnbounded<ulong>();
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, e) => deliveries.Writer.WriteAsync(e.DeliveryTag).AsTask();
            await channel.BasicConsumeAsync(stream, autoAck: false, "", noLocal: false, exclusive: false,
                new Dictionary<string, object?> { ["x-consumer-group"] = group, ["x-stream-offset"] = "first" }, consumer);
            for (var i = 0; i < count; i++)
            {
                await channel.BasicAckAsync(await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout), multiple: false);
            }

            var deadline = DateTime.UtcNow + s_timeout;
            while ((await node.Client.GetQueueAsync("/", stream)).ConsumerGroups?.SingleOrDefault()?.CommittedOffset != count)
            {
                Assert.True(DateTime.UtcNow < deadline, "the group's commit did not become durable");
            }
        }
    }
}
