using ActorBroker.Broker.Client;
using ActorBroker.Server.Metrics;

namespace ActorBroker.Server.Tests.Metrics;

public sealed class NodeMetricsTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly PrometheusExporter _exporter = new(PrometheusExporter.NodeMeters);
    private readonly MessageBroker _broker = MessageBroker.Start();
    // Queue series are process-wide; a name of its own keeps this test's lines apart from other tests' queues.
    private readonly string _queue = "metrics-" + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        _exporter.Dispose();
    }

    [Fact]
    public async Task A_queue_shows_its_ready_and_unacked_messages_and_its_counters()
    {
        await using var connection = await _broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.DeclareQueueAsync(_queue);
        for (var i = 0; i < 3; i++)
            channel.Publish("", _queue, "hello"u8.ToArray());
        await channel.WaitForConfirmsAsync();
        var got = await channel.GetAsync(_queue);
        channel.Ack(got.Delivery!.DeliveryTag);
        await channel.GetAsync(_queue);

        var labels = $"{{queue=\"{_queue}\",vhost=\"/\"}}";
        var text = await Eventually.HoldsAsync(_exporter.Collect,
            t => t.Contains($"actorbroker_queue_messages_acked_total{labels} 1\n", StringComparison.Ordinal), s_timeout);

        Assert.Contains($"actorbroker_queue_messages_ready{labels} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"actorbroker_queue_messages_unacked{labels} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"actorbroker_queue_consumers{labels} 0\n", text, StringComparison.Ordinal);
        Assert.Contains($"actorbroker_queue_messages_published_total{labels} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"actorbroker_queue_messages_delivered_total{labels} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE actorbroker_queue_messages_ready gauge\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_queue_disappears_from_the_metrics()
    {
        await using var connection = await _broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.DeclareQueueAsync(_queue);
        await Eventually.HoldsAsync(_exporter.Collect, t => t.Contains(_queue, StringComparison.Ordinal), s_timeout);

        await channel.DeleteQueueAsync(_queue);

        await Eventually.HoldsAsync(_exporter.Collect, t => !t.Contains(_queue, StringComparison.Ordinal), s_timeout);
    }

    [Fact]
    public void The_runtime_meter_shows_memory_gc_and_the_thread_pool()
    {
        GC.Collect(0);

        var text = _exporter.Collect();

        Assert.Contains("dotnet_process_memory_working_set_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total{gc_heap_generation=\"gen0\"} ", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation=\"gen0\"} ", text, StringComparison.Ordinal);
        // The runtime publishes the thread count and queue length as observable counters; they are current values.
        Assert.Contains("# TYPE dotnet_thread_pool_thread_count gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_thread_pool_queue_length gauge\n", text, StringComparison.Ordinal);
    }
}
