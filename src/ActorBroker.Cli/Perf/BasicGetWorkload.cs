namespace ActorBroker.Cli.Perf;

/// <summary>One publisher, one consumer polling with basic.get (auto-ack).</summary>
internal sealed class BasicGetWorkload : PerfWorkload
{
    public override string Name => "basic-get";

    public override string Description => "basic.get pull, auto-ack";

    public override bool Pull => true;

    public override int InFlightLimit => 1_000;
}
