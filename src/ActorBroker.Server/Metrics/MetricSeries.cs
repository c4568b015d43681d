namespace ActorBroker.Server.Metrics;

/// <summary>
/// The aggregated state of one tag set of one metric. Measurements update it lock-free (atomic adds and
/// compare-exchange on doubles), so recording allocates nothing once the series exists.
/// </summary>
internal sealed class MetricSeries
{
    private readonly double[]? _bounds;
    private readonly long[]? _buckets;
    private double _value;
    private double _sum;

    public MetricSeries(KeyValuePair<string, object?>[] tags, string labels, double[]? bounds)
    {
        Tags = tags;
        Labels = labels;
        if (bounds is not null)
        {
            _bounds = bounds;
            _buckets = new long[bounds.Length + 1];
        }
    }

    /// <summary>The tags as measured, for matching later measurements.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The rendered label pairs without braces (<c>queue="q",vhost="/"</c>), empty without tags.</summary>
    public string Labels { get; }

    /// <summary>The collection in which an observable instrument last reported this series.</summary>
    public long Generation { get; set; }

    /// <summary>The sum, or the last value, by the metric's aggregation.</summary>
    public double Value => Volatile.Read(ref _value);

    public double Sum => Volatile.Read(ref _sum);

    public void Add(double value) => AddTo(ref _value, value);

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Observe(double value)
    {
        // Bucket i counts values up to and including bound i (Prometheus' "le"); the last one is +Inf.
        var index = Array.BinarySearch(_bounds!, value);
        Interlocked.Increment(ref _buckets![index >= 0 ? index : ~index]);
        AddTo(ref _sum, value);
    }

    /// <summary>Cumulative bucket counts, one per bound plus +Inf (whose count is the total).</summary>
    public long[] CumulativeBuckets()
    {
        var cumulative = new long[_buckets!.Length];
        long running = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            running += Interlocked.Read(ref _buckets[i]);
            cumulative[i] = running;
        }

        return cumulative;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (!Contains(tag))
            {
                return false;
            }
        }

        return true;
    }

    private bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (var own in Tags)
        {
            if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal) && Equals(own.Value, tag.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddTo(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
