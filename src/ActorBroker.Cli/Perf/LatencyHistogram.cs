using System.Numerics;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// Counts latency samples in logarithmic buckets split into linear sub-buckets (the HdrHistogram layout):
/// every value is kept with under 1 % relative error, recording is a couple of interlocked increments and
/// never allocates, and any number of threads may record at once.
/// </summary>
internal sealed class LatencyHistogram
{
    // 128 exact slots below 128, then 64 slots per power of two: the bucket width is at most 1/64 of its value.
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int HalfCount = SubBucketCount / 2;
    private const int BucketCount = SubBucketCount + (64 - SubBucketBits) * HalfCount;

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _max;

    public long Count => Volatile.Read(ref _total);

    public long Max => Volatile.Read(ref _max);

    public void Record(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _total);
        var max = Volatile.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
                break;
            max = seen;
        }
    }

    /// <summary>The smallest recorded bucket bound at or below which <paramref name="percent"/> % of the samples fall; 0 when empty.</summary>
    public long ValueAtPercentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100.0);
        var total = Count;
        if (total == 0)
            return 0;
        var target = Math.Max(1, (long)Math.Ceiling(percent / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= target)
                return Math.Min(HighestEquivalentValue(i), Max);
        }
        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount)
            return (int)value;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - (SubBucketBits - 1);
        return SubBucketCount + (shift - 1) * HalfCount + (int)(value >> shift) - HalfCount;
    }

    internal static long HighestEquivalentValue(int index)
    {
        if (index < SubBucketCount)
            return index;
        var shift = (index - SubBucketCount) / HalfCount + 1;
        long mantissa = (index - SubBucketCount) % HalfCount + HalfCount;
        return ((mantissa + 1) << shift) - 1;
    }
}
