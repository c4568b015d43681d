namespace ActorBroker.Cli.Perf;

/// <summary>What one workload measured against one broker; <see cref="Error"/> is set when the broker broke the run off.</summary>
internal sealed record WorkloadResult(
    string Workload,
    string Broker,
    TimeSpan Elapsed,
    long Sent,
    long Nacked,
    DeliveryTally Deliveries,
    double MessagesPerSecond,
    LatencySummary Latency,
    string? Error = null)
{
    /// <summary>CPU per delivered message, when the broker's processes were watched (<see cref="BrokerProcesses"/>).</summary>
    public CpuCost? Cpu { get; init; }

    /// <summary>Publish-to-confirm latency of the acked messages, when the workload's publishers wait for confirms.</summary>
    public LatencySummary? ConfirmLatency { get; init; }

    public bool IsClean => Error is null && Deliveries.IsClean;

    public static WorkloadResult Failed(string workload, string broker, string error) =>
        new(workload, broker, TimeSpan.Zero, 0, 0, default, 0, default, error);
}

/// <summary>Latency percentiles (publish to delivery, or publish to confirm), in microseconds.</summary>
internal readonly record struct LatencySummary(double P50, double P95, double P99, double Max)
{
    public static LatencySummary From(LatencyHistogram histogram) => new(
        Micros(histogram.ValueAtPercentile(50)),
        Micros(histogram.ValueAtPercentile(95)),
        Micros(histogram.ValueAtPercentile(99)),
        Micros(histogram.Max));

    private static double Micros(long nanoseconds) => nanoseconds / 1000.0;
}
