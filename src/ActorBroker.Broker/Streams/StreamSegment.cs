namespace ActorBroker.Broker.Streams;

/// <summary>
/// A run of consecutive offsets, the unit retention drops. Segments exist only in the stream's index: the messages
/// themselves are journal events, so dropping a segment deletes the events up to its end and rewrites nothing.
/// </summary>
internal sealed class StreamSegment(long firstOffset, DateTimeOffset firstTimestamp)
{
    public long FirstOffset { get; } = firstOffset;

    public DateTimeOffset FirstTimestamp { get; } = firstTimestamp;

    public DateTimeOffset LastTimestamp { get; set; } = firstTimestamp;

    /// <summary>The entries this index counted (an entry claimed by a snapshot but not replayed is not counted).</summary>
    public long Count { get; set; }

    public long Bytes { get; set; }
}
