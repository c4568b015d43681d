namespace ActorBroker.Cli.Perf;

/// <summary>
/// The stream workload with 4 independent consumers, each reading every message from the first offset; msgs/s
/// counts deliveries, 4 per message.
/// </summary>
internal sealed class StreamReadersWorkload : PerfWorkload
{
    public override string Name => "stream-4-readers";

    public override string Description => "stream, 8 publishers x 512 outstanding confirms, 4 independent consumers from first (msgs/s counts each delivery)";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int ConsumersPerQueue => 4;

    public override bool IndependentReaders => true;

    public override int InFlightLimit => 8 * 512;

    public override IDictionary<string, object?> QueueArguments { get; } = StreamArguments.Declare;

    public override IDictionary<string, object?> ConsumeArguments { get; } = StreamArguments.FromFirst;
}
