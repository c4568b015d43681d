namespace ActorBroker.Server.Metrics;

/// <summary>The Prometheus metric type an instrument is exposed as.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>
/// How a measurement changes its series: adds to it (synchronous counters), replaces it (synchronous gauges),
/// replaces it as the reading of an observable instrument (a series not read again is gone), or is counted
/// into buckets.
/// </summary>
internal enum Aggregation
{
    Sum,
    LastValue,
    Observed,
    Buckets,
}
