namespace ActorBroker.Cli.Perf;

/// <summary>One publisher to a fanout exchange bound to 4 queues, one auto-ack consumer each.</summary>
internal sealed class FanoutWorkload : PerfWorkload
{
    public override string Name => "fanout";

    public override string Description => "fanout to 4 queues, auto-ack";

    public override int Queues => 4;
}
