using System.Diagnostics.Metrics;

namespace ActorBroker.Broker.Metrics;

/// <summary>
/// The latest sizes and lifetime counts of one live queue, written by its queue actor after each command and
/// read by the metric callbacks on the scraping thread. Plain fields with volatile access: the actor writes
/// a few longs per command (nothing allocated), and a scrape reads whatever the last command left.
/// </summary>
internal sealed class QueueMetrics(string virtualHost, string queue)
{
    private long _ready;
    private long _unacked;
    private long _consumers;
    private long _published;
    private long _delivered;
    private long _redelivered;
    private long _acked;
    private long _deadLettered;

    /// <summary>The <c>vhost</c> and <c>queue</c> tags every measurement of this queue carries.</summary>
    public KeyValuePair<string, object?>[] Tags { get; } = [new("vhost", virtualHost), new("queue", queue)];

    public long Ready => Volatile.Read(ref _ready);

    public long Unacked => Volatile.Read(ref _unacked);

    public long Consumers => Volatile.Read(ref _consumers);

    public long Published => Volatile.Read(ref _published);

    public long Delivered => Volatile.Read(ref _delivered);

    public long Redelivered => Volatile.Read(ref _redelivered);

    public long Acked => Volatile.Read(ref _acked);

    public long DeadLettered => Volatile.Read(ref _deadLettered);

    /// <summary>Records the queue's current state; called by the owning actor only.</summary>
    public void Update(int ready, int unacked, int consumers, long published, long delivered, long redelivered, long acked, long deadLettered)
    {
        Volatile.Write(ref _ready, ready);
        Volatile.Write(ref _unacked, unacked);
        Volatile.Write(ref _consumers, consumers);
        Volatile.Write(ref _published, published);
        Volatile.Write(ref _delivered, delivered);
        Volatile.Write(ref _redelivered, redelivered);
        Volatile.Write(ref _acked, acked);
        Volatile.Write(ref _deadLettered, deadLettered);
    }

    public Measurement<long> Measure(long value) => new(value, Tags);
}
