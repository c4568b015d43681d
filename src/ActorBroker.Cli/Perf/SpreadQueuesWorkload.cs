namespace ActorBroker.Cli.Perf;

/// <summary>
/// Independent queues, each with its own confirming publisher (64 outstanding confirms) and manual-ack consumer:
/// <c>durable-64</c>, and the cluster's workloads of 30 queues, durable and transient (the same traffic without the
/// journal), which spread over the nodes given with several <c>--url</c>.
/// </summary>
internal sealed class SpreadQueuesWorkload(int queues, bool durable, bool inAll) : PerfWorkload
{
    public override string Name => $"{(durable ? "durable" : "transient")}-{queues}";

    public override string Description =>
        $"{(durable ? "durable" : "transient")}, {queues} queues, each its own publisher (64 outstanding confirms) and manual-ack consumer";

    public override int Publishers => queues;

    public override int Queues => queues;

    public override bool SpreadOverQueues => true;

    public override int OutstandingConfirms => 64;

    public override bool Durable => durable;

    public override bool ManualAck => true;

    public override int InFlightLimit => 512;

    public override bool InAll => inAll;
}
