using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public sealed class PerfHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_distribution_are_within_one_percent()
    {
        var histogram = new LatencyHistogram();
        for (var value = 1; value <= 100_000; value++)
            histogram.Record(value);

        Assert.Equal(100_000, histogram.Count);
        AssertClose(50_000, histogram.ValueAtPercentile(50));
        AssertClose(95_000, histogram.ValueAtPercentile(95));
        AssertClose(99_000, histogram.ValueAtPercentile(99));
        Assert.Equal(100_000, histogram.ValueAtPercentile(100));
        Assert.Equal(100_000, histogram.Max);
    }

    [Fact]
    public void A_skewed_distribution_reports_its_tail()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 980; i++)
            histogram.Record(1_000);
        for (var i = 0; i < 20; i++)
            histogram.Record(5_000_000);

        AssertClose(1_000, histogram.ValueAtPercentile(50));
        AssertClose(1_000, histogram.ValueAtPercentile(98));
        AssertClose(5_000_000, histogram.ValueAtPercentile(99));
    }

    [Fact]
    public void Values_below_128_are_kept_exactly()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in new[] { 0, 1, 2, 3, 127 })
            histogram.Record(value);

        Assert.Equal(0, histogram.ValueAtPercentile(20));
        Assert.Equal(2, histogram.ValueAtPercentile(60));
        Assert.Equal(127, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Every_bucket_bound_is_within_one_sixty_fourth_of_the_value_it_holds()
    {
        var random = new Random(42);
        for (var i = 0; i < 100_000; i++)
        {
            var value = (long)(Math.Pow(2, random.NextDouble() * 62));
            var bound = LatencyHistogram.HighestEquivalentValue(LatencyHistogram.IndexOf(value));
            Assert.InRange(bound, value, value + value / 64 + 1);
        }
        Assert.Equal(long.MaxValue, LatencyHistogram.HighestEquivalentValue(LatencyHistogram.IndexOf(long.MaxValue)));
    }

    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        Assert.Equal(0, new LatencyHistogram().ValueAtPercentile(99));
    }

    [Fact]
    public void Concurrent_recording_loses_no_sample()
    {
        var histogram = new LatencyHistogram();
        Parallel.For(0, 4, _ =>
        {
            for (var value = 1; value <= 50_000; value++)
                histogram.Record(value);
        });

        Assert.Equal(200_000, histogram.Count);
        AssertClose(25_000, histogram.ValueAtPercentile(50));
    }

    [Fact]
    public void A_negative_sample_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram().Record(-1));
    }

    private static void AssertClose(long expected, long actual) =>
        Assert.InRange(actual, expected - expected / 100, expected + expected / 100);
}
