namespace ActorBroker.Cli.Perf;

/// <summary>The durable workload into a deduplicating queue: every message carries a new id, so the cost is the window's upkeep.</summary>
internal sealed class DurableDeduplicationWorkload : PerfWorkload
{
    public override string Name => "durable-dedup";

    public override string Description => "durable into an x-message-deduplication queue (default window), 8 publishers x 512 outstanding confirms, each message a new id";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int InFlightLimit => 8 * 512;

    public override bool DeduplicationIds => true;

    public override IDictionary<string, object?> QueueArguments { get; } = new Dictionary<string, object?> { ["x-message-deduplication"] = true };
}
