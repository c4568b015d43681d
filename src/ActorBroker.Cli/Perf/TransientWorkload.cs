namespace ActorBroker.Cli.Perf;

/// <summary>One publisher, one auto-ack consumer, transient messages, no confirms.</summary>
internal sealed class TransientWorkload : PerfWorkload
{
    public override string Name => "transient";

    public override string Description => "transient 1 -> 1, auto-ack";
}
