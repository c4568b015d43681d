using System.Diagnostics.Metrics;

namespace ActorBroker.Server.Metrics;

/// <summary>
/// The bucket upper bounds of a histogram: the instrument's advice when it gives some, otherwise a default
/// chosen by its unit (durations in seconds or milliseconds from 0.5 ms to 10 s, which spans an fsync and a
/// slow request; anything else in powers of two up to 16384, which spans a group-commit batch).
/// </summary>
internal static class HistogramBounds
{
    private static readonly double[] s_seconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] s_milliseconds = [.. s_seconds.Select(s => s * 1000)];
    private static readonly double[] s_powersOfTwo = [.. Enumerable.Range(0, 15).Select(i => (double)(1 << i))];

    public static double[] For(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            Array.Sort(advised);
            return advised;
        }

        return instrument.Unit switch
        {
            "s" => s_seconds,
            "ms" => s_milliseconds,
            _ => s_powersOfTwo,
        };
    }
}
