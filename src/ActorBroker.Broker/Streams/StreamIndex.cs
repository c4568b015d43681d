using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// What a stream knows of its log without reading it: its segments (first offset and sequence number, timestamps,
/// size, marks to find a chunk by offset) and where it ends. Saved as the stream's snapshot, so a restart reads the
/// index and the few chunks written after it, never the log from its start.
/// </summary>
internal sealed class StreamIndex
{
    // v2: chunks (several messages per journal event) with their sequence numbers and marks; v1 indexed one event per message.
    public const string SnapshotManifest = "broker.stream.index.v2";

    /// <summary>About how many offsets apart a segment's marks are: the most a read from an offset reads before it.</summary>
    public const long MarkEvery = 4096;

    private readonly List<StreamSegment> _segments = [];

    /// <summary>The offset the next message gets.</summary>
    public long NextOffset { get; private set; }

    /// <summary>The oldest offset kept; equal to <see cref="NextOffset"/> when the stream is empty.</summary>
    public long FirstOffset => _segments.Count > 0 ? _segments[0].FirstOffset : NextOffset;

    /// <summary>The sequence number of the newest chunk indexed (0 for none).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Journal events below this one belong to segments retention dropped.</summary>
    public long FirstSequenceNr => _segments.Count > 0 ? _segments[0].FirstSequenceNr : LastSequenceNr + 1;

    public long Count { get; private set; }

    public long Bytes { get; private set; }

    public int SegmentCount => _segments.Count;

    /// <summary>Records the chunk journaled as <paramref name="sequenceNr"/>; opens a new segment when the current one is full.</summary>
    /// <remarks>
    /// Its offsets may skip ahead of <see cref="NextOffset"/>: a chunk the journal rejected left its offsets unused.
    /// A segment holds whole chunks, so retention deletes whole journal events.
    /// </remarks>
    /// <returns>Whether the chunk opened a new segment.</returns>
    public bool Append(long sequenceNr, StreamChunk chunk, long maxSegmentBytes)
    {
        var opened = false;
        if (_segments.Count == 0 || (_segments[^1].Bytes + chunk.Size > maxSegmentBytes && _segments[^1].Count > 0))
        {
            var created = new StreamSegment(chunk.FirstOffset, sequenceNr, chunk.Timestamp);
            created.Marks.Add((chunk.FirstOffset, sequenceNr));
            _segments.Add(created);
            opened = true;
        }

        var segment = _segments[^1];
        if (chunk.FirstOffset >= segment.Marks[^1].Offset + MarkEvery)
        {
            segment.Marks.Add((chunk.FirstOffset, sequenceNr));
        }

        segment.Count += chunk.Messages.Length;
        segment.Bytes += chunk.Size;
        segment.LastTimestamp = chunk.Timestamp;
        segment.LastSequenceNr = sequenceNr;
        Count += chunk.Messages.Length;
        Bytes += chunk.Size;
        NextOffset = Math.Max(NextOffset, chunk.EndOffset);
        LastSequenceNr = Math.Max(LastSequenceNr, sequenceNr);
        return opened;
    }

    /// <summary>
    /// Where a read of <paramref name="offset"/> starts: the sequence number of a chunk at or before it (at most about
    /// <see cref="MarkEvery"/> offsets before), and how many events to read for about <paramref name="messages"/>
    /// messages at the segment's chunk size.
    /// </summary>
    public (long From, int Events) ReadFrom(long offset, int messages)
    {
        if (_segments.Count == 0)
        {
            return (LastSequenceNr + 1, 1);
        }

        var segment = _segments[Math.Max(0, LastAtOrBefore(_segments, offset, s => s.FirstOffset))];
        var mark = segment.Marks[Math.Max(0, LastAtOrBefore(segment.Marks, offset, m => m.Offset))];
        return (mark.SequenceNr, EventsFor(segment, messages));
    }

    /// <summary>How many events of the segment that holds <paramref name="sequenceNr"/> make about <paramref name="messages"/> messages.</summary>
    public int EventsToRead(long sequenceNr, int messages) =>
        _segments.Count == 0 ? 1 : EventsFor(_segments[Math.Max(0, LastAtOrBefore(_segments, sequenceNr, s => s.FirstSequenceNr))], messages);

    private static int EventsFor(StreamSegment segment, int messages) => (int)Math.Clamp(messages / segment.MessagesPerChunk, 1, messages);

    // The index of the last item whose key is at most the value (-1 when none): keys ascend.
    private static int LastAtOrBefore<T>(List<T> items, long value, Func<T, long> key)
    {
        var (low, high) = (0, items.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (key(items[middle]) <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }

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
            Count -= oldest.Count;
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
        writer.Int64(LastSequenceNr);
        writer.Int32(_segments.Count);
        foreach (var segment in _segments)
        {
            writer.Int64(segment.FirstOffset);
            writer.Int64(segment.FirstSequenceNr);
            writer.Int64(segment.LastSequenceNr);
            writer.Time(segment.FirstTimestamp);
            writer.Time(segment.LastTimestamp);
            writer.Int64(segment.Count);
            writer.Int64(segment.Bytes);
            writer.Int32(segment.Marks.Count);
            foreach (var (offset, sequenceNr) in segment.Marks)
            {
                writer.Int64(offset);
                writer.Int64(sequenceNr);
            }
        }

        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">A payload that does not decode.</exception>
    public static StreamIndex Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        var index = new StreamIndex { NextOffset = reader.Int64(), LastSequenceNr = reader.Int64() };
        var count = reader.Int32();
        for (var i = 0; i < count; i++)
        {
            var (firstOffset, firstSequenceNr, lastSequenceNr, firstTimestamp) = (reader.Int64(), reader.Int64(), reader.Int64(), reader.Time());
            var segment = new StreamSegment(firstOffset, firstSequenceNr, firstTimestamp)
            {
                LastSequenceNr = lastSequenceNr,
                LastTimestamp = reader.Time(),
                Count = reader.Int64(),
                Bytes = reader.Int64(),
            };
            var marks = reader.Int32();
            for (var m = 0; m < marks; m++)
            {
                segment.Marks.Add((reader.Int64(), reader.Int64()));
            }

            if (segment.Marks.Count == 0)
            {
                throw new InvalidDataException("A stream index segment has no marks.");
            }

            index._segments.Add(segment);
            index.Count += segment.Count;
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
