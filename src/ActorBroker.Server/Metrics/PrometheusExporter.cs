using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Metrics;
using ActorBroker.Persistence.GroupCommit;

namespace ActorBroker.Server.Metrics;

/// <summary>
/// Listens to the instruments of the given meters and renders them in the Prometheus text format 0.0.4:
/// counters as <c>name_total</c>, up-down counters and gauges as gauges, histograms as cumulative
/// <c>_bucket{le=…}</c>, <c>_sum</c> and <c>_count</c>; tags become labels. Synchronous measurements are
/// aggregated as they happen (thread-safe, no allocation per measurement); observable instruments are read
/// at each <see cref="Collect"/>, and a series they no longer report (a deleted queue) disappears.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of <see cref="Collect"/>'s text.</summary>
    public const string ContentType = PrometheusText.ContentType;

    /// <summary>
    /// The meters a node exposes: the broker's, AMQP's, the journal's, and the runtime's built-in
    /// <c>System.Runtime</c> meter (memory, GC collections per generation, thread pool, CPU).
    /// </summary>
    public static readonly IReadOnlyList<string> NodeMeters =
        [BrokerMetrics.MeterName, AmqpMetrics.MeterName, PersistenceMetrics.MeterName, "System.Runtime"];

    private readonly HashSet<string> _meters;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Lock _collecting = new();
    // Separate from _collecting: a meter publishes instruments under its own lock, and a collection must not
    // wait on a thread that holds it.
    private readonly Lock _registering = new();
    private readonly MeterListener _listener = new();

    /// <param name="meterNames">The names of the meters to expose; instruments of other meters are ignored.</param>
    public PrometheusExporter(IEnumerable<string> meterNames)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        _meters = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricFamily)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and renders every metric that has a series, sorted by name.</summary>
    public string Collect()
    {
        lock (_collecting)
        {
            var families = _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            foreach (var family in families)
            {
                family.BeginCollection();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in families)
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meters.Contains(instrument.Meter.Name) || !InstrumentShape.TryGet(instrument, out var shape))
        {
            return;
        }

        var name = PrometheusNames.ForInstrument(instrument, shape.Kind);
        var bounds = shape.Kind == MetricKind.Histogram ? HistogramBounds.For(instrument) : null;
        lock (_registering)
        {
            var family = _families.GetOrAdd(name, _ => new MetricFamily(name, instrument.Description, shape, bounds));
            // Two instruments can only share a name (two meters of one name) if they aggregate alike.
            if (family.Shape != shape)
            {
                return;
            }

            family.Instruments++;
            listener.EnableMeasurementEvents(instrument, family);
        }
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is not MetricFamily family)
        {
            return;
        }

        lock (_registering)
        {
            if (--family.Instruments == 0)
            {
                _families.TryRemove(family.Name, out _);
            }
        }
    }
}
