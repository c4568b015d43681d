namespace ActorBroker.Broker.Streams;

/// <summary>
/// A run of consecutive chunks, the unit retention drops. Segments exist only in the stream's index: the messages
/// themselves are journal events (one per chunk), so dropping a segment deletes the events up to its last sequence
/// number and rewrites nothing.
/// </summary>
internal sealed class StreamSegment(long firstOffset, long firstSequenceNr, DateTimeOffset firstTimestamp)
{
    public long FirstOffset { get; } = firstOffset;

    /// <summary>The journal sequence number of its first chunk.</summary>
    public long FirstSequenceNr { get; } = firstSequenceNr;

    public long LastSequenceNr { get; set; } = firstSequenceNr;

    public DateTimeOffset FirstTimestamp { get; } = firstTimestamp;

    public DateTimeOffset LastTimestamp { get; set; } = firstTimestamp;

    public long Count { get; set; }

    public long Bytes { get; set; }

    /// <summary>
    /// The first offset and sequence number of a chunk every <see cref="StreamIndex.MarkEvery"/> offsets or so
    /// (the segment's first chunk is the first mark), so a read from any offset starts at most that far before it.
    /// </summary>
    public List<(long Offset, long SequenceNr)> Marks { get; } = [];

    /// <summary>Its messages per journal event, at least one.</summary>
    public long MessagesPerChunk => Math.Max(1, Count / (LastSequenceNr - FirstSequenceNr + 1));
}
