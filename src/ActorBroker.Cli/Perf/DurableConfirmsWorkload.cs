namespace ActorBroker.Cli.Perf;

/// <summary>Persistent messages to a durable queue from 8 confirming publishers, consumed with manual acks.</summary>
internal sealed class DurableConfirmsWorkload : PerfWorkload
{
    public override string Name => "durable";

    public override string Description => "durable, 8 publishers x 512 outstanding confirms, manual ack";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int InFlightLimit => 8 * 512;
}
