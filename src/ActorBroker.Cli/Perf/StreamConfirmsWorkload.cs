namespace ActorBroker.Cli.Perf;

/// <summary>
/// The durable workload's traffic to a stream instead of a durable queue: 8 confirming publishers, one consumer
/// reading from the first offset with a prefetch and manual acks (a stream refuses auto-ack).
/// </summary>
internal sealed class StreamConfirmsWorkload : PerfWorkload
{
    public override string Name => "stream";

    public override string Description => "stream, 8 publishers x 512 outstanding confirms, consumer from first, manual ack";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int InFlightLimit => 8 * 512;

    public override IDictionary<string, object?> QueueArguments { get; } = StreamArguments.Declare;

    public override IDictionary<string, object?> ConsumeArguments { get; } = StreamArguments.FromFirst;
}
