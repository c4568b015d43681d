using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Streams;

namespace ActorBroker.Broker.Tests.Streams;

public sealed class StreamChunkTests
{
    [Fact]
    public void A_chunk_survives_its_encoding_with_its_offsets_time_and_messages()
    {
        var time = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        var chunk = new StreamChunk(42, time, [new Message("", "a", BasicProperties.Empty, "one"u8.ToArray()), new Message("x", "b", new BasicProperties { MessageId = "2" }, "two!"u8.ToArray())]);

        var decoded = StreamChunk.Decode(chunk.Encode());

        Assert.Equal((42L, 44L, time, 7L), (decoded.FirstOffset, decoded.EndOffset, decoded.Timestamp, decoded.Size));
        Assert.Equal(["one", "two!"], decoded.Messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal("2", decoded.Messages[1].Properties.MessageId);
    }

    [Fact]
    public void A_chunk_that_claims_more_messages_than_its_bytes_hold_is_refused_without_allocating_them()
    {
        var bytes = new StreamChunk(0, DateTimeOffset.UnixEpoch, [new Message("", "a", BasicProperties.Empty, new byte[1])]).Encode();
        // The count follows the first offset (8 bytes) and the time (8 bytes).
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 16);

        Assert.Throws<InvalidDataException>(() => StreamChunk.Decode(bytes));
    }

    [Fact]
    public void A_run_of_chunks_finds_the_chunk_of_an_offset_or_the_first_after_a_gap()
    {
        var run = new StreamChunkRun();
        run.Add(StreamIndexTests.Chunk(0, 3));
        run.Add(StreamIndexTests.Chunk(3, 2));
        // Offsets 5-6 were a rejected chunk.
        run.Add(StreamIndexTests.Chunk(7, 4));

        Assert.True(run.TryFind(4, out var holding));
        Assert.True(run.TryFind(5, out var afterGap));
        Assert.False(run.TryFind(11, out _));
        Assert.Equal((3L, 7L, 9L, 90L), (holding.FirstOffset, afterGap.FirstOffset, run.Messages, run.Bytes));
    }
}
