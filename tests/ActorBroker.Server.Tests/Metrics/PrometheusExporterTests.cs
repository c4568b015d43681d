using System.Diagnostics.Metrics;
using ActorBroker.Server.Metrics;

namespace ActorBroker.Server.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    // A meter of its own per test: the listener sees only it, whatever else the test process measures.
    private readonly Meter _meter = new("test." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests() => _exporter = new PrometheusExporter([_meter.Name]);

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void A_counter_is_a_total_with_help_type_and_its_tags_as_labels()
    {
        var published = _meter.CreateCounter<long>("broker.messages.published", "{message}", "Messages published");
        published.Add(3, new KeyValuePair<string, object?>("queue", "orders"));
        published.Add(2, new KeyValuePair<string, object?>("queue", "orders"));
        published.Add(1, new KeyValuePair<string, object?>("queue", "audit"));

        Assert.Equal(
            """
            # HELP broker_messages_published_total Messages published
            # TYPE broker_messages_published_total counter
            broker_messages_published_total{queue="audit"} 1
            broker_messages_published_total{queue="orders"} 5

            """.ReplaceLineEndings("\n"),
            _exporter.Collect());
    }

    [Fact]
    public void A_histogram_has_cumulative_buckets_a_sum_and_a_count()
    {
        var latency = _meter.CreateHistogram<double>("journal.commit.duration", "s", "Commit time",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1] });
        foreach (var value in new[] { 0.125, 0.25, 0.375, 0.75, 3 })
            latency.Record(value);

        Assert.Equal(
            """
            # HELP journal_commit_duration_seconds Commit time
            # TYPE journal_commit_duration_seconds histogram
            journal_commit_duration_seconds_bucket{le="0.25"} 2
            journal_commit_duration_seconds_bucket{le="0.5"} 3
            journal_commit_duration_seconds_bucket{le="1"} 4
            journal_commit_duration_seconds_bucket{le="+Inf"} 5
            journal_commit_duration_seconds_sum 4.5
            journal_commit_duration_seconds_count 5

            """.ReplaceLineEndings("\n"),
            _exporter.Collect());
    }

    [Fact]
    public void A_histogram_without_advice_gets_millisecond_buckets_for_a_millisecond_unit()
    {
        var fsync = _meter.CreateHistogram<double>("commit.duration", "ms");
        fsync.Record(13, new KeyValuePair<string, object?>("journal", "sqlite"));

        var text = _exporter.Collect();

        Assert.Contains("commit_duration_milliseconds_bucket{journal=\"sqlite\",le=\"10\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("commit_duration_milliseconds_bucket{journal=\"sqlite\",le=\"25\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("commit_duration_milliseconds_count{journal=\"sqlite\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_line_feed()
    {
        var gauge = _meter.CreateUpDownCounter<int>("queue.depth");
        gauge.Add(7, new KeyValuePair<string, object?>("queue", "a\\b\"c\nd"));

        Assert.Contains("queue_depth{queue=\"a\\\\b\\\"c\\nd\"} 7\n", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_label_names_keep_only_prometheus_characters()
    {
        var counter = _meter.CreateCounter<int>("9lives.per-queue/rate", "By");
        counter.Add(1, new KeyValuePair<string, object?>("gc.heap.generation", "gen0"));

        Assert.Contains("_9lives_per_queue_rate_bytes_total{gc_heap_generation=\"gen0\"} 1\n", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_up_down_counter_is_a_gauge_that_goes_both_ways()
    {
        var connections = _meter.CreateUpDownCounter<long>("amqp.connections", "{connection}");
        connections.Add(2);
        connections.Add(-1);

        var text = _exporter.Collect();

        Assert.Contains("# TYPE amqp_connections gauge\namqp_connections 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_observable_series_no_longer_reported_disappears()
    {
        var queues = new Dictionary<string, long> { ["a"] = 1, ["b"] = 2 };
        _meter.CreateObservableGauge("queue.ready", () => queues.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))));
        Assert.Contains("queue_ready{queue=\"b\"} 2\n", _exporter.Collect(), StringComparison.Ordinal);

        queues.Remove("b");
        var text = _exporter.Collect();

        Assert.Contains("queue_ready{queue=\"a\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("queue=\"b\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_a_known_tag_set_allocates_nothing()
    {
        var counter = _meter.CreateCounter<long>("hot.path");
        var histogram = _meter.CreateHistogram<double>("hot.latency", "ms");
        var queue = new KeyValuePair<string, object?>("queue", "orders");
        counter.Add(1, queue);
        histogram.Record(1, queue);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, queue);
            histogram.Record(i, queue);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("hot_path_total{queue=\"orders\"} 1001\n", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_measurements_are_all_counted()
    {
        var counter = _meter.CreateCounter<double>("concurrent");

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
                counter.Add(0.5);
        });

        Assert.Contains("concurrent_total 40000\n", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_of_a_disposed_meter_are_gone()
    {
        using var other = new Meter(_meter.Name);
        using var exporter = new PrometheusExporter([other.Name]);
        other.CreateCounter<int>("short.lived").Add(1);
        Assert.Contains("short_lived_total 1", exporter.Collect(), StringComparison.Ordinal);

        other.Dispose();

        Assert.DoesNotContain("short_lived", exporter.Collect(), StringComparison.Ordinal);
    }
}
