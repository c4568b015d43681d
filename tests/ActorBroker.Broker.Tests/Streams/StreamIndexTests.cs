using ActorBroker.Broker.Streams;

namespace ActorBroker.Broker.Tests.Streams;

public sealed class StreamIndexTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static StreamIndex Filled(int entries, long size, long segmentBytes, TimeSpan? every = null)
    {
        var index = new StreamIndex();
        for (var offset = 0; offset < entries; offset++)
        {
            index.Append(offset, s_start + ((every ?? TimeSpan.Zero) * offset), size, segmentBytes);
        }

        return index;
    }

    [Fact]
    public void A_segment_closes_when_the_next_entry_would_overflow_it()
    {
        var index = Filled(entries: 7, size: 10, segmentBytes: 30);

        Assert.Equal((3, 0L, 7L, 70L), (index.SegmentCount, index.FirstOffset, index.NextOffset, index.Bytes));
    }

    [Fact]
    public void Size_retention_drops_whole_segments_from_the_front_but_never_the_one_being_written()
    {
        var index = Filled(entries: 7, size: 10, segmentBytes: 30);

        Assert.True(index.ApplyRetention(new StreamSettings(null, MaxLengthBytes: 35, 30), s_start));
        Assert.Equal((6L, 1L, 10L), (index.FirstOffset, index.Count, index.Bytes));
        Assert.False(index.ApplyRetention(new StreamSettings(null, MaxLengthBytes: 1, 30), s_start));
    }

    [Fact]
    public void Age_retention_drops_the_segments_whose_newest_entry_is_older_than_the_age()
    {
        var index = Filled(entries: 9, size: 10, segmentBytes: 30, every: TimeSpan.FromMinutes(1));

        index.ApplyRetention(new StreamSettings(TimeSpan.FromMinutes(4), null, 30), s_start + TimeSpan.FromMinutes(8));

        // Segments [0-2] (newest at minute 2) and [3-5] (minute 5) vs the cut at minute 4: only the first goes.
        Assert.Equal(3L, index.FirstOffset);
    }

    [Fact]
    public void A_time_is_searched_from_the_first_segment_that_reaches_it()
    {
        var index = Filled(entries: 9, size: 10, segmentBytes: 30, every: TimeSpan.FromMinutes(1));

        Assert.Equal(3L, index.OffsetToSearchFrom(s_start + TimeSpan.FromMinutes(4)));
        Assert.Equal(9L, index.OffsetToSearchFrom(s_start + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_index_survives_its_encoding()
    {
        var index = Filled(entries: 7, size: 10, segmentBytes: 30, every: TimeSpan.FromSeconds(1));

        var decoded = new StreamIndexSnapshot(index.Encode()).Decode();

        Assert.Equal(index.Encode(), decoded.Encode());
        Assert.Equal((index.FirstOffset, index.NextOffset, index.Bytes, index.SegmentCount), (decoded.FirstOffset, decoded.NextOffset, decoded.Bytes, decoded.SegmentCount));
    }

    [Fact]
    public void After_a_restart_the_journal_s_last_offset_wins_over_an_index_that_saw_less()
    {
        var index = Filled(entries: 3, size: 10, segmentBytes: 30);

        index.EndsAt(5);
        index.Append(7, s_start, 10, 30);

        Assert.Equal(8L, index.NextOffset);
    }
}
