namespace ActorBroker.Cli.Perf;

/// <summary>The standard workloads, in the order <c>--workload all</c> runs them.</summary>
internal static class WorkloadCatalog
{
    public const string All = "all";

    public static IReadOnlyList<PerfWorkload> Workloads { get; } =
    [
        new TransientWorkload(),
        new DurableConfirmsWorkload(),
        new DurableDeduplicationWorkload(),
        new DurableSchemaWorkload(),
        new DurableTransactionWorkload(),
        new SpreadQueuesWorkload(64, durable: true, inAll: true),
        new StreamConfirmsWorkload(),
        new StreamReadersWorkload(),
        new SuperStreamWorkload(),
        new StreamReplayWorkload(),
        new FanoutWorkload(),
        new CompetingConsumersWorkload(),
        new RoundTripWorkload(),
        new DurableRoundTripWorkload(),
        new BasicGetWorkload(),
        new SpreadQueuesWorkload(30, durable: true, inAll: false),
        new SpreadQueuesWorkload(30, durable: false, inAll: false),
    ];

    public static IEnumerable<string> Names => Workloads.Select(w => w.Name).Append(All);

    public static IReadOnlyList<PerfWorkload> Select(string name) =>
        name == All ? [.. Workloads.Where(w => w.InAll)] : [Workloads.Single(w => w.Name == name)];
}
