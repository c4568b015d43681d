namespace ActorBroker.Cli.Perf;

/// <summary>
/// A super stream of 4 partitions: 8 confirming publishers send each message with one of 1,000 keys, one consumer
/// per partition reads from the first offset. On RabbitMQ (whose AMQP has no x-super-stream exchange) the partitions
/// are 4 streams behind a direct exchange and the publisher picks the partition, as RabbitMQ's stream clients do.
/// </summary>
internal sealed class SuperStreamWorkload : PerfWorkload
{
    public override string Name => "superstream";

    public override string Description => "super stream of 4 partitions, 8 publishers x 512 outstanding confirms by key, a consumer per partition from first";

    public override int Publishers => 8;

    public override int OutstandingConfirms => 512;

    public override bool Durable => true;

    public override bool ManualAck => true;

    public override int Queues => 4;

    public override bool SuperStream => true;

    public override int InFlightLimit => 8 * 512;

    public override IDictionary<string, object?> QueueArguments { get; } = StreamArguments.Declare;

    public override IDictionary<string, object?> ConsumeArguments { get; } = StreamArguments.FromFirst;
}
