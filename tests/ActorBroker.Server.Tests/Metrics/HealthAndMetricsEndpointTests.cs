using System.Net;
using System.Net.Http.Json;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;

namespace ActorBroker.Server.Tests.Metrics;

public sealed class HealthAndMetricsEndpointTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Health_live_answers_live_without_credentials()
    {
        using var client = node.Anonymous();
        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("live", (await response.Content.ReadFromJsonAsync<HealthStatus>(ManagementJson.Options))!.Status);
    }

    [Fact]
    public async Task Health_ready_answers_ready_once_the_node_has_recovered_and_listens()
    {
        using var client = node.Anonymous();
        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ready"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_show_a_queue_s_ready_messages_and_publishes_in_prometheus_text_without_credentials()
    {
        var queue = "scraped-" + Guid.NewGuid().ToString("N");
        await using var connection = await node.Broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.DeclareQueueAsync(queue);
        channel.Publish("", queue, "one"u8.ToArray());
        channel.Publish("", queue, "two"u8.ToArray());
        await channel.WaitForConfirmsAsync();
        using var client = node.Anonymous();

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains($"actorbroker_queue_messages_ready{{queue=\"{queue}\",vhost=\"/\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"actorbroker_queue_messages_published_total{{queue=\"{queue}\",vhost=\"/\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_process_memory_working_set_bytes gauge\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_include_the_journal_commit_histogram_of_the_node()
    {
        await using var connection = await node.Broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        // A durable queue's declaration is journaled: at least one commit is measured.
        await channel.DeclareQueueAsync("journaled-" + Guid.NewGuid().ToString("N"), new ActorBroker.Broker.Queues.QueueDeclaration(Durable: true));
        using var client = node.Anonymous();

        var text = await Eventually.HoldsAsync(() => client.GetStringAsync("/metrics"),
            t => t.Contains("actorbroker_journal_commit_duration_milliseconds_count", StringComparison.Ordinal), s_timeout);

        Assert.Contains("actorbroker_journal_commit_duration_milliseconds_bucket{journal=", text, StringComparison.Ordinal);
        Assert.Contains("le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE actorbroker_journal_batch_size histogram\n", text, StringComparison.Ordinal);
    }
}
