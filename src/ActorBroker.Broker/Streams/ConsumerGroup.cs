namespace ActorBroker.Broker.Streams;

/// <summary>
/// One consumer group on one stream: its members here, the one active member, and its committed offset — the end
/// of the contiguous prefix of offsets the group acknowledged (every offset below it is acked).
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly SortedSet<long> _ackedAhead = [];

    /// <param name="name">The <c>x-consumer-group</c> name.</param>
    /// <param name="committed">The group's committed offset as recovered (durable already).</param>
    /// <param name="metrics">Where the group's committed offset and lag are published.</param>
    public ConsumerGroup(string name, long committed, Metrics.ConsumerGroupMetrics metrics)
    {
        Name = name;
        Committed = committed;
        DeliveredEnd = committed;
        Metrics = metrics;
        metrics.Committed = committed;
    }

    public string Name { get; }

    public long Committed { get; private set; }

    /// <summary>The committed offset as the journal holds it: what a restart resumes from, what the management API and the metrics show.</summary>
    public long DurablyCommitted
    {
        get => Metrics.Committed;
        set => Metrics.Committed = value;
    }

    public Metrics.ConsumerGroupMetrics Metrics { get; }

    /// <summary>Members in a stable order (channel, then arrival): the same order on every partition they join.</summary>
    public List<StreamConsumer> Members { get; } = [];

    public StreamConsumer? Active { get; set; }

    /// <summary>The member the partition moves to once the active one has settled what it holds.</summary>
    public StreamConsumer? Next { get; set; }

    /// <summary>Offsets below this were delivered to some member before: delivered again, they are flagged redelivered.</summary>
    public long DeliveredEnd { get; set; }

    public bool IsAcked(long offset) => offset < Committed || _ackedAhead.Contains(offset);

    /// <returns>Whether the committed offset moved.</returns>
    public bool Ack(long offset)
    {
        if (offset < Committed)
        {
            return false;
        }

        _ackedAhead.Add(offset);
        var moved = false;
        while (_ackedAhead.Remove(Committed))
        {
            Committed++;
            moved = true;
        }

        return moved;
    }

    /// <summary>An explicit <c>x-stream-offset</c> of a joining member moves the whole group there.</summary>
    public void MoveTo(long offset)
    {
        Committed = offset;
        DeliveredEnd = offset;
        _ackedAhead.Clear();
    }
}
