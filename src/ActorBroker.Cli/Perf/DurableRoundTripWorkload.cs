namespace ActorBroker.Cli.Perf;

/// <summary>
/// A lone persistent message at a time into a durable queue: publish, wait for its confirm and its delivery, repeat.
/// The latency of one message through the journal, with nothing to share a commit with.
/// </summary>
internal sealed class DurableRoundTripWorkload : PerfWorkload
{
    public override string Name => "roundtrip-durable";

    public override string Description => "one persistent message at a time to a durable queue: publish, confirm, deliver, repeat";

    public override int OutstandingConfirms => 1;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int InFlightLimit => 1;
}
