namespace ActorBroker.Cli.Perf;

/// <summary>A whole perf run: every workload against the first broker, then against each compared broker.</summary>
internal sealed record PerfSettings(
    IReadOnlyList<PerfBroker> Brokers,
    TimeSpan Duration,
    int Size,
    IReadOnlyList<PerfWorkload> Workloads,
    PerfOutput Output);

internal enum PerfOutput
{
    Table,
    Json,
}
