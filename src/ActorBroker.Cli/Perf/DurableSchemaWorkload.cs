namespace ActorBroker.Cli.Perf;

/// <summary>
/// The durable workload into a queue that validates every message against a JSON Schema (<c>x-schema</c>), with JSON
/// bodies. The schema must be registered first:
/// <c>actorbroker schemas set perf-message config/perf/perf-message.schema.json</c>; else every publish is nacked.
/// </summary>
internal sealed class DurableSchemaWorkload : PerfWorkload
{
    public const string SchemaName = "perf-message";

    public override string Name => "durable-schema";

    public override string Description => $"durable into an x-schema queue (JSON Schema '{SchemaName}', register it first), JSON bodies, 8 publishers x 512 outstanding confirms";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int InFlightLimit => 8 * 512;

    public override bool JsonBodies => true;

    public override bool InAll => false;

    public override IDictionary<string, object?> QueueArguments { get; } = new Dictionary<string, object?> { ["x-schema"] = SchemaName };
}
