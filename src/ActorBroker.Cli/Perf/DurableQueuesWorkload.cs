namespace ActorBroker.Cli.Perf;

/// <summary>Persistent messages to 64 independent durable queues, one confirming publisher and one manual-ack consumer each.</summary>
internal sealed class DurableQueuesWorkload : PerfWorkload
{
    public override string Name => "durable-64";

    public override string Description => "durable, 64 queues, each its own publisher (64 outstanding confirms) and manual-ack consumer";

    public override int Publishers => 64;

    public override int Queues => 64;

    public override bool SpreadOverQueues => true;

    public override int OutstandingConfirms => 64;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int InFlightLimit => 512;
}
