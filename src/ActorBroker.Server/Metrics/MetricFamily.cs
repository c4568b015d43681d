using System.Collections.Concurrent;
using System.Text;

namespace ActorBroker.Server.Metrics;

/// <summary>
/// One Prometheus metric (name, type, help) and its series, one per tag set. Finding the series of a
/// measurement hashes the tags in place and compares them with the stored ones: no allocation once a tag
/// set has been seen. Series are added under a lock; lookups are lock-free.
/// </summary>
internal sealed class MetricFamily(string name, string? help, InstrumentShape shape, double[]? bounds)
{
    private readonly ConcurrentDictionary<int, MetricSeries[]> _series = new();
    private readonly Lock _adding = new();
    private long _generation;

    public string Name { get; } = name;

    public string? Help { get; } = help;

    public InstrumentShape Shape { get; } = shape;

    /// <summary>How many enabled instruments feed this metric; it goes away with the last.</summary>
    public int Instruments { get; set; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = Find(tags);
        switch (Shape.Aggregation)
        {
            case Aggregation.Sum:
                series.Add(value);
                break;
            case Aggregation.LastValue:
                series.Set(value);
                break;
            case Aggregation.Observed:
                series.Set(value);
                series.Generation = _generation;
                break;
            default:
                series.Observe(value);
                break;
        }
    }

    /// <summary>Starts a collection: observable series not reported again before <see cref="WriteTo"/> are dropped.</summary>
    public void BeginCollection() => _generation++;

    public void WriteTo(StringBuilder text)
    {
        var series = Snapshot();
        if (series.Count == 0)
        {
            return;
        }

        if (Help is { Length: > 0 })
        {
            text.Append("# HELP ").Append(Name).Append(' ').AppendHelp(Help).Append('\n');
        }

        text.Append("# TYPE ").Append(Name).Append(' ').Append(Shape.Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
        foreach (var one in series)
        {
            if (Shape.Kind == MetricKind.Histogram)
            {
                WriteHistogram(text, one);
            }
            else
            {
                WriteSample(text, Name, one.Labels, one.Value);
            }
        }
    }

    private MetricSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = Hash(tags);
        if (_series.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Matches(tags))
                {
                    return candidate;
                }
            }
        }

        lock (_adding)
        {
            candidates = _series.GetValueOrDefault(hash, []);
            foreach (var candidate in candidates)
            {
                if (candidate.Matches(tags))
                {
                    return candidate;
                }
            }

            var stored = tags.ToArray();
            var created = new MetricSeries(stored, RenderLabels(stored), bounds) { Generation = _generation };
            _series[hash] = [.. candidates, created];
            return created;
        }
    }

    // Series of observable instruments that were not reported in this collection are gone
    // (a deleted queue); they are removed here so that their memory goes too.
    private List<MetricSeries> Snapshot()
    {
        var live = new List<MetricSeries>();
        lock (_adding)
        {
            foreach (var (hash, candidates) in _series)
            {
                var kept = Shape.Aggregation == Aggregation.Observed ? Array.FindAll(candidates, s => s.Generation == _generation) : candidates;
                if (kept.Length == 0)
                {
                    _series.TryRemove(hash, out _);
                }
                else if (kept.Length != candidates.Length)
                {
                    _series[hash] = kept;
                }

                live.AddRange(kept);
            }
        }

        live.Sort((a, b) => string.CompareOrdinal(a.Labels, b.Labels));
        return live;
    }

    private void WriteHistogram(StringBuilder text, MetricSeries series)
    {
        var cumulative = series.CumulativeBuckets();
        var separator = series.Labels.Length == 0 ? "" : ",";
        for (var i = 0; i < cumulative.Length; i++)
        {
            text.Append(Name).Append("_bucket{").Append(series.Labels).Append(separator).Append("le=\"");
            _ = i < bounds!.Length ? text.AppendNumber(bounds[i]) : text.Append("+Inf");
            text.Append("\"} ").Append(cumulative[i]).Append('\n');
        }

        WriteSample(text, Name + "_sum", series.Labels, series.Sum);
        // The count is the +Inf bucket, read in the same pass, so the two always agree.
        WriteSample(text, Name + "_count", series.Labels, cumulative[^1]);
    }

    private static void WriteSample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').AppendNumber(value).Append('\n');
    }

    private static string RenderLabels(KeyValuePair<string, object?>[] tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(text.Length == 0 ? "" : ",").Append(PrometheusNames.ForLabel(tag.Key)).Append("=\"")
                .AppendLabelValue(PrometheusText.LabelValue(tag.Value)).Append('"');
        }

        return text.ToString();
    }

    // Order-independent, so one tag set measured in two orders is one series.
    private static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
        {
            hash += HashCode.Combine(tag.Key, tag.Value);
        }

        return hash;
    }
}
