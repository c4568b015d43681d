using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Streams;

namespace ActorBroker.Broker.Tests.Streams;

public sealed class StreamIndexTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static StreamChunk Chunk(long firstOffset, int messages, int size = 10, DateTimeOffset? timestamp = null) =>
        new(firstOffset, timestamp ?? s_start, [.. Enumerable.Range(0, messages).Select(_ => new Message("", "s", BasicProperties.Empty, new byte[size]))]);

    /// <summary>Chunks of <paramref name="perChunk"/> messages of 10 bytes, journaled as sequence numbers 1, 2, …</summary>
    private static StreamIndex Filled(int chunks, int perChunk, long segmentBytes, TimeSpan? every = null)
    {
        var index = new StreamIndex();
        for (var i = 0; i < chunks; i++)
        {
            index.Append(i + 1, Chunk(i * perChunk, perChunk, timestamp: s_start + ((every ?? TimeSpan.Zero) * i)), segmentBytes);
        }

        return index;
    }

    [Fact]
    public void A_segment_closes_when_the_next_chunk_would_overflow_it()
    {
        var index = Filled(chunks: 7, perChunk: 1, segmentBytes: 30);

        Assert.Equal((3, 0L, 7L, 70L, 7L), (index.SegmentCount, index.FirstOffset, index.NextOffset, index.Bytes, index.Count));
    }

    [Fact]
    public void A_segment_holds_whole_chunks_so_retention_deletes_whole_journal_events()
    {
        // Chunks of 2 messages (20 bytes) against segments of 30 bytes: one chunk per segment after the first.
        var index = Filled(chunks: 4, perChunk: 2, segmentBytes: 30);

        Assert.True(index.ApplyRetention(new StreamSettings(null, MaxLengthBytes: 45, 30), s_start));

        Assert.Equal((4L, 3L, 8L, 4L), (index.FirstOffset, index.FirstSequenceNr, index.NextOffset, index.Count));
    }

    [Fact]
    public void Size_retention_drops_whole_segments_from_the_front_but_never_the_one_being_written()
    {
        var index = Filled(chunks: 7, perChunk: 1, segmentBytes: 30);

        Assert.True(index.ApplyRetention(new StreamSettings(null, MaxLengthBytes: 35, 30), s_start));
        Assert.Equal((6L, 1L, 10L, 7L), (index.FirstOffset, index.Count, index.Bytes, index.FirstSequenceNr));
        Assert.False(index.ApplyRetention(new StreamSettings(null, MaxLengthBytes: 1, 30), s_start));
    }

    [Fact]
    public void Age_retention_drops_the_segments_whose_newest_chunk_is_older_than_the_age()
    {
        var index = Filled(chunks: 9, perChunk: 1, segmentBytes: 30, every: TimeSpan.FromMinutes(1));

        index.ApplyRetention(new StreamSettings(TimeSpan.FromMinutes(4), null, 30), s_start + TimeSpan.FromMinutes(8));

        // Segments [0-2] (newest at minute 2) and [3-5] (minute 5) vs the cut at minute 4: only the first goes.
        Assert.Equal(3L, index.FirstOffset);
    }

    [Fact]
    public void A_time_is_searched_from_the_first_segment_that_reaches_it()
    {
        var index = Filled(chunks: 9, perChunk: 1, segmentBytes: 30, every: TimeSpan.FromMinutes(1));

        Assert.Equal(3L, index.OffsetToSearchFrom(s_start + TimeSpan.FromMinutes(4)));
        Assert.Equal(9L, index.OffsetToSearchFrom(s_start + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_read_from_an_offset_starts_at_the_nearest_mark_before_it_never_at_the_segment_s_start()
    {
        // 100 chunks of 1,000 messages in one segment: a mark about every 4,096 offsets.
        var index = Filled(chunks: 100, perChunk: 1000, segmentBytes: long.MaxValue);

        var (from, events) = index.ReadFrom(50_500, 2048);

        // Marks at the chunks from offsets 0, 5,000, 10,000, …: the one from 50,000 (sequence number 51) holds 50,500,
        // and two chunks make about 2,048 messages.
        Assert.Equal((1, 51L, 2), (index.SegmentCount, from, events));
    }

    [Fact]
    public void A_read_of_one_message_chunks_asks_for_as_many_events_as_messages()
    {
        var index = Filled(chunks: 10, perChunk: 1, segmentBytes: long.MaxValue);

        // No mark yet but the segment's first chunk: a read reads the 5 before the offset too.
        Assert.Equal((1L, 512), index.ReadFrom(5, 512));
        Assert.Equal(512, index.EventsToRead(6, 512));
    }

    [Fact]
    public void Offsets_a_rejected_chunk_left_unused_are_a_gap_the_index_steps_over()
    {
        var index = Filled(chunks: 2, perChunk: 1, segmentBytes: 30);

        index.Append(3, Chunk(5, 1), 30);

        Assert.Equal((6L, 3L, 3L), (index.NextOffset, index.Count, index.LastSequenceNr));
    }

    [Fact]
    public void The_index_survives_its_encoding()
    {
        var index = Filled(chunks: 40, perChunk: 500, segmentBytes: 60_000, every: TimeSpan.FromSeconds(1));

        var decoded = new StreamIndexSnapshot(index.Encode()).Decode();

        Assert.Equal(index.Encode(), decoded.Encode());
        Assert.Equal(
            (index.FirstOffset, index.NextOffset, index.Bytes, index.Count, index.SegmentCount, index.LastSequenceNr, index.ReadFrom(17_777, 2048)),
            (decoded.FirstOffset, decoded.NextOffset, decoded.Bytes, decoded.Count, decoded.SegmentCount, decoded.LastSequenceNr, decoded.ReadFrom(17_777, 2048)));
    }
}
