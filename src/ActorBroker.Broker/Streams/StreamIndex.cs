using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// What a stream knows of its log without reading it: its segments (first offset, timestamps, size) and where it
/// ends. Saved as the stream's snapshot, so a restart reads the index and the few entries written after it, never
/// the log from its start.
/// </summary>
internal sealed class StreamIndex
{
    public const string SnapshotManifest = "broker.stream.index.v1";

    private readonly List<StreamSegment> _segments = [];

    /// <summary>The offset the next message gets.</summary>
    public long NextOffset { get; private set; }

    /// <summary>The oldest offset kept; equal to <see cref="NextOffset"/> when the stream is empty.</summary>
    public long FirstOffset => _segments.Count > 0 ? _segments[0].FirstOffset : NextOffset;

    public long Count => NextOffset - FirstOffset;

    public long Bytes { get; private set; }

    public int SegmentCount => _segments.Count;

    /// <summary>
    /// Records the entry at <paramref name="offset"/>; opens a new segment when the current one is full.
    /// </summary>
    /// <remarks>
    /// The offset may skip ahead of <see cref="NextOffset"/> after a restart: a snapshot taken while writes were in
    /// flight claims them, and they are not replayed. Their bytes are then missing from the index (size retention
    /// counts them late); the entries themselves are in the journal and read like any other.
    /// </remarks>
    /// <returns>Whether the entry opened a new segment.</returns>
    public bool Append(long offset, DateTimeOffset timestamp, long size, long maxSegmentBytes)
    {
        var opened = false;
        if (_segments.Count == 0 || (_segments[^1].Bytes + size > maxSegmentBytes && _segments[^1].Count > 0))
        {
            _segments.Add(new StreamSegment(offset, timestamp));
            opened = true;
        }

        var segment = _segments[^1];
        segment.Count++;
        segment.Bytes += size;
        segment.LastTimestamp = timestamp;
        Bytes += size;
        NextOffset = Math.Max(NextOffset, offset + 1);
        return opened;
    }

    /// <summary>After recovery: the journal's highest sequence number is the last offset written, whatever the index saw.</summary>
    public void EndsAt(long nextOffset) => NextOffset = Math.Max(NextOffset, nextOffset);

    /// <summary>
    /// Drops whole segments from the front, never the one being written: while the stream is above
    /// <see cref="StreamSettings.MaxLengthBytes"/>, or while the oldest one's newest message is older than
    /// <see cref="StreamSettings.MaxAge"/>.
    /// </summary>
    /// <returns>Whether any segment was dropped.</returns>
    public bool ApplyRetention(StreamSettings settings, DateTimeOffset now)
    {
        var dropped = false;
        while (_segments.Count > 1)
        {
            var oldest = _segments[0];
            var tooBig = settings.MaxLengthBytes is { } maxBytes && Bytes > maxBytes;
            var tooOld = settings.MaxAge is { } maxAge && oldest.LastTimestamp < now - maxAge;
            if (!tooBig && !tooOld)
            {
                break;
            }

            Bytes -= oldest.Bytes;
            _segments.RemoveAt(0);
            dropped = true;
        }

        return dropped;
    }

    /// <summary>The offset to read from for the first message written at or after <paramref name="time"/>: the start of the first segment that reaches it.</summary>
    public long OffsetToSearchFrom(DateTimeOffset time)
    {
        foreach (var segment in _segments)
        {
            if (segment.LastTimestamp >= time)
            {
                return segment.FirstOffset;
            }
        }

        return NextOffset;
    }

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Int64(NextOffset);
        writer.Int32(_segments.Count);
        foreach (var segment in _segments)
        {
            writer.Int64(segment.FirstOffset);
            writer.Time(segment.FirstTimestamp);
            writer.Time(segment.LastTimestamp);
            writer.Int64(segment.Count);
            writer.Int64(segment.Bytes);
        }

        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">A payload that does not decode.</exception>
    public static StreamIndex Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        var index = new StreamIndex { NextOffset = reader.Int64() };
        var count = reader.Int32();
        for (var i = 0; i < count; i++)
        {
            var segment = new StreamSegment(reader.Int64(), reader.Time()) { LastTimestamp = reader.Time(), Count = reader.Int64(), Bytes = reader.Int64() };
            index._segments.Add(segment);
            index.Bytes += segment.Bytes;
        }

        return reader.AtEnd ? index : throw new InvalidDataException("A stream index has trailing bytes.");
    }
}

/// <summary>A stream's index as its snapshot holds it (encoded when taken, so later appends do not change it).</summary>
internal sealed record StreamIndexSnapshot(byte[] Encoded)
{
    public StreamIndex Decode() => StreamIndex.Decode(Encoded);
}
