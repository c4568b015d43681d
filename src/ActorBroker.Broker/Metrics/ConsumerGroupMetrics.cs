using System.Diagnostics.Metrics;

namespace ActorBroker.Broker.Metrics;

/// <summary>
/// One consumer group on one stream: its durable committed offset, and the stream's end it is measured against
/// (shared by the stream's groups), written by the stream actor and read by a scrape.
/// </summary>
internal sealed class ConsumerGroupMetrics(string virtualHost, string stream, string group, StreamEnd end)
{
    private long _committed;

    /// <summary>The <c>vhost</c>, <c>stream</c> and <c>group</c> tags every measurement of this group carries.</summary>
    public KeyValuePair<string, object?>[] Tags { get; } = [new("vhost", virtualHost), new("stream", stream), new("group", group)];

    public long Committed
    {
        get => Volatile.Read(ref _committed);
        set => Volatile.Write(ref _committed, value);
    }

    public long Lag => Math.Max(0, end.NextOffset - Committed);

    public Measurement<long> Measure(long value) => new(value, Tags);
}

/// <summary>The offset a stream's next message gets, as its actor last wrote it.</summary>
internal sealed class StreamEnd
{
    private long _nextOffset;

    public long NextOffset
    {
        get => Volatile.Read(ref _nextOffset);
        set => Volatile.Write(ref _nextOffset, value);
    }
}
