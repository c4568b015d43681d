namespace ActorBroker.Cli.Perf;

/// <summary>Publish one message, wait until it is delivered, repeat: the latency of a single round trip.</summary>
internal sealed class RoundTripWorkload : PerfWorkload
{
    public override string Name => "roundtrip";

    public override string Description => "one at a time: publish, wait for delivery, repeat";

    public override int InFlightLimit => 1;
}
