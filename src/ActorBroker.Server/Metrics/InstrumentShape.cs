using System.Diagnostics.Metrics;

namespace ActorBroker.Server.Metrics;

/// <summary>How each kind of <see cref="Instrument"/> maps onto a Prometheus type and an aggregation.</summary>
internal readonly record struct InstrumentShape(MetricKind Kind, Aggregation Aggregation)
{
    private static readonly Dictionary<Type, InstrumentShape> s_shapes = new()
    {
        [typeof(Counter<>)] = new(MetricKind.Counter, Aggregation.Sum),
        // Observable instruments report their current total: the last reading is the value.
        [typeof(ObservableCounter<>)] = new(MetricKind.Counter, Aggregation.Observed),
        // Prometheus has no up-down counter: a value that goes both ways is a gauge.
        [typeof(UpDownCounter<>)] = new(MetricKind.Gauge, Aggregation.Sum),
        [typeof(ObservableUpDownCounter<>)] = new(MetricKind.Gauge, Aggregation.Observed),
        [typeof(Gauge<>)] = new(MetricKind.Gauge, Aggregation.LastValue),
        [typeof(ObservableGauge<>)] = new(MetricKind.Gauge, Aggregation.Observed),
        [typeof(Histogram<>)] = new(MetricKind.Histogram, Aggregation.Buckets),
    };

    // The runtime publishes these current values as observable counters (.NET 10); exposed as counters they
    // would read as totals (_total, and rate() over them), so they are shown as the gauges they are.
    private static readonly HashSet<string> s_runtimeCurrentValues = new(StringComparer.Ordinal)
    {
        "dotnet.thread_pool.thread.count",
        "dotnet.thread_pool.queue.length",
    };

    /// <summary>The shape of <paramref name="instrument"/>, or false for an instrument type Prometheus cannot show.</summary>
    public static bool TryGet(Instrument instrument, out InstrumentShape shape)
    {
        var type = instrument.GetType();
        shape = default;
        if (!type.IsGenericType || !s_shapes.TryGetValue(type.GetGenericTypeDefinition(), out shape))
        {
            return false;
        }

        if (instrument.Meter.Name == "System.Runtime" && s_runtimeCurrentValues.Contains(instrument.Name))
        {
            shape = shape with { Kind = MetricKind.Gauge };
        }

        return true;
    }
}
