namespace ActorBroker.Cli.Perf;

/// <summary>
/// The durable workload consumed by consume–transform–produce workers: 8 consumers each commit, per delivery, one
/// output to the queue's <c>.out</c> queue and the delivery's ack in one AMQP transaction (the atomic commit path).
/// </summary>
internal sealed class DurableTransactionWorkload : PerfWorkload
{
    public override string Name => "durable-tx";

    public override string Description => "durable, 8 publishers x 512 outstanding confirms, 8 consumers committing output + ack per message in tx";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int ConsumersPerQueue => 8;

    public override int InFlightLimit => 8 * 512;

    public override bool TransformInTransactions => true;
}
