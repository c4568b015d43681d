namespace ActorBroker.Cli.Perf;

/// <summary>
/// The shape of one standard workload: how many publishers, queues and consumers, and how messages are
/// confirmed and acknowledged. <see cref="WorkloadRun"/> turns a shape into traffic against a broker.
/// </summary>
internal abstract class PerfWorkload
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public virtual int Publishers => 1;

    /// <summary>Publisher confirms each publisher keeps outstanding; 0 turns confirms off.</summary>
    public virtual int OutstandingConfirms => 0;

    public virtual bool Durable => false;

    /// <summary>
    /// More than one queue means they are bound to a fanout exchange and each gets every message, unless
    /// <see cref="SpreadOverQueues"/>.
    /// </summary>
    public virtual int Queues => 1;

    /// <summary>Independent queues instead of a fanout: publisher i publishes to queue i mod <see cref="Queues"/> only.</summary>
    public virtual bool SpreadOverQueues => false;

    public virtual int ConsumersPerQueue => 1;

    public virtual bool ManualAck => false;

    /// <summary>The queues' declaration arguments (a stream's <c>x-queue-type</c>); null declares plain queues.</summary>
    public virtual IDictionary<string, object?>? QueueArguments => null;

    /// <summary>The consumers' basic.consume arguments (a stream's <c>x-stream-offset</c>).</summary>
    public virtual IDictionary<string, object?>? ConsumeArguments => null;

    /// <summary>Each consumer of a queue reads every message (a stream's readers), with its own tally, instead of sharing them.</summary>
    public virtual bool IndependentReaders => false;

    /// <summary>
    /// The queues are the partitions of one super stream, published to with a key per message: one tally for all of
    /// them, as each message goes to one partition.
    /// </summary>
    public virtual bool SuperStream => false;

    /// <summary>Publishes this many messages first, then measures the consumers reading them (from the first offset); 0: publish and consume together for the duration.</summary>
    public virtual long ReplayCount => 0;

    /// <summary>Each message carries its id as <c>x-deduplication-header</c> (for a deduplicating queue: every id is new).</summary>
    public virtual bool DeduplicationIds => false;

    /// <summary>
    /// Consume–transform–produce: each consumer runs in an AMQP transaction and, per delivery, publishes one output
    /// to the queue's <c>.out</c> queue, acks the delivery and commits.
    /// </summary>
    public virtual bool TransformInTransactions => false;

    /// <summary>Bodies are JSON objects (<see cref="PerfMessage.StampJson"/>), for a queue that validates a JSON Schema.</summary>
    public virtual bool JsonBodies => false;

    /// <summary>Whether <c>--workload all</c> runs it (not when it needs the broker prepared first, nor the cluster's workloads).</summary>
    public virtual bool InAll => true;

    /// <summary>Consume with basic.get polling instead of a push consumer.</summary>
    public virtual bool Pull => false;

    /// <summary>
    /// Messages per queue published but not yet delivered before publishers wait. Keeps the broker measured
    /// at its sustained rate instead of filling a backlog that a short run cannot drain.
    /// </summary>
    public virtual int InFlightLimit => 1_000;
}
