namespace ActorBroker.Cli.Perf;

/// <summary>
/// Replay: 1,000,000 messages are published to a stream with confirms first (not measured), then one consumer reads
/// them all from the first offset; msgs/s is that read. --duration does not apply.
/// </summary>
internal sealed class StreamReplayWorkload : PerfWorkload
{
    public override string Name => "stream-replay";

    public override string Description => "stream holding 1 M messages, one consumer reads them all from first (manual ack)";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override long ReplayCount => 1_000_000;

    public override IDictionary<string, object?> QueueArguments { get; } = StreamArguments.Declare;

    public override IDictionary<string, object?> ConsumeArguments { get; } = StreamArguments.FromFirst;
}
