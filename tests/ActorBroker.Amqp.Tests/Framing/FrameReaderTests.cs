using System.Buffers;
using System.Runtime.InteropServices;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class FrameReaderTests
{
    private static readonly byte[] s_stream =
    [
        .. FrameBytes.Method(0, new ConnectionTuneOk { ChannelMax = 2047, FrameMax = 4096, Heartbeat = 60 }),
        .. FrameBytes.Content(1, new BasicPublish { RoutingKey = "q" }, new BasicProperties { MessageId = "m" }, Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray()),
        .. FrameBytes.Hex("08 0000 00000000 CE"),
        .. FrameBytes.Method(1, new BasicAck { DeliveryTag = 1 }),
    ];

    private static readonly List<(FrameType Type, ushort Channel, byte[] Payload)> s_frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(s_stream));

    [Fact]
    public void Stream_of_mixed_frames_reads_back_in_order()
    {
        Assert.Equal(
            [FrameType.Method, FrameType.Method, FrameType.Header, FrameType.Body, FrameType.Body, FrameType.Heartbeat, FrameType.Method],
            s_frames.Select(f => f.Type));
        Assert.Equal(5000, s_frames.Where(f => f.Type == FrameType.Body).Sum(f => f.Payload.Length));
    }

    [Fact]
    public void Input_split_at_every_position_yields_the_same_frames()
    {
        for (var cut = 1; cut < s_stream.Length; cut++)
        {
            var frames = FrameBytes.ReadAll(Sequences.Split(s_stream, cut));

            AssertSameFrames(s_frames, frames);
        }
    }

    [Fact]
    public void Input_in_three_byte_segments_yields_the_same_frames()
    {
        AssertSameFrames(s_frames, FrameBytes.ReadAll(Sequences.Chunked(s_stream, 3)));
    }

    [Fact]
    public void Every_incomplete_prefix_yields_only_whole_frames_and_then_asks_for_more_without_consuming()
    {
        for (var length = 0; length < s_stream.Length; length++)
        {
            var input = Sequences.Chunked(s_stream.AsSpan(0, length), 7);
            var read = 0;
            while (FrameReader.TryReadFrame(ref input, FrameBytes.FrameMax, out var frame))
            {
                Assert.Equal(s_frames[read].Payload, frame.Payload.ToArray());
                read++;
            }

            var consumed = length - input.Length;
            Assert.Equal(s_frames.Take(read).Sum(f => f.Payload.Length + FrameReader.OverheadSize), consumed);
            Assert.True(read < s_frames.Count);
        }
    }

    [Fact]
    public void Payload_is_a_slice_of_the_input_not_a_copy()
    {
        var memory = new ReadOnlyMemory<byte>(s_stream);
        var input = new ReadOnlySequence<byte>(memory);

        Assert.True(FrameReader.TryReadFrame(ref input, FrameBytes.FrameMax, out var frame));

        Assert.True(MemoryMarshal.TryGetArray(frame.Payload.First, out var segment));
        Assert.Same(s_stream, segment.Array);
        Assert.Equal(FrameReader.HeaderSize, segment.Offset);
    }

    [Fact]
    public void Oversize_frame_is_rejected_from_its_header_before_the_payload_arrives()
    {
        var input = new ReadOnlySequence<byte>(FrameBytes.Hex("03 0001 000F4240"));   // body frame announcing 1,000,000 bytes

        var error = Assert.Throws<AmqpProtocolException>(() => FrameReader.TryReadFrame(ref input, 4096, out _));

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
        Assert.Contains("1000000", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsConnectionError);
    }

    [Fact]
    public void Frame_of_exactly_frame_max_is_accepted_and_one_byte_more_is_not()
    {
        var atLimit = BodyFrame(4096 - FrameReader.OverheadSize);
        var overLimit = BodyFrame(4096 - FrameReader.OverheadSize + 1);

        Assert.Single(FrameBytes.ReadAll(new ReadOnlySequence<byte>(atLimit), 4096));
        Assert.Throws<AmqpProtocolException>(() => FrameBytes.ReadAll(new ReadOnlySequence<byte>(overLimit), 4096));
    }

    [Fact]
    public void Wrong_frame_end_octet_is_a_frame_error()
    {
        var frame = FrameBytes.Method(1, new BasicAck { DeliveryTag = 1 });
        frame[^1] = 0xCD;

        var error = Assert.Throws<AmqpProtocolException>(() => FrameBytes.ReadAll(new ReadOnlySequence<byte>(frame)));

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
        Assert.Contains("0xCD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("04 0001 00000000 CE", "unknown frame type 4")]
    [InlineData("08 0003 00000000 CE", "heartbeat frame on channel 3")]
    public void Malformed_headers_are_frame_errors(string hex, string message)
    {
        var error = Assert.Throws<AmqpProtocolException>(() => FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Hex(hex))));

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_spanning_segments_is_copied_into_scratch_and_single_segment_payload_is_not()
    {
        var frame = FrameBytes.Method(1, new BasicPublish { Exchange = "ex", RoutingKey = "key" });
        var split = Sequences.Split(frame, 12);
        var whole = new ReadOnlySequence<byte>(frame);
        Assert.True(FrameReader.TryReadFrame(ref split, FrameBytes.FrameMax, out var splitFrame));
        Assert.True(FrameReader.TryReadFrame(ref whole, FrameBytes.FrameMax, out var wholeFrame));
        var scratch = new byte[FrameBytes.FrameMax];

        var fromSplit = splitFrame.GetPayloadSpan(scratch);
        var fromWhole = wholeFrame.GetPayloadSpan(scratch);

        Assert.Equal(fromWhole.ToArray(), fromSplit.ToArray());
        Assert.True(fromSplit.Overlaps(scratch));
        Assert.False(fromWhole.Overlaps(scratch));
    }

    private static byte[] BodyFrame(int payloadSize)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteBody(output, 1, new byte[payloadSize], 0);
        return output.WrittenSpan.ToArray();
    }

    private static void AssertSameFrames(
        List<(FrameType Type, ushort Channel, byte[] Payload)> expected, List<(FrameType Type, ushort Channel, byte[] Payload)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Type, actual[i].Type);
            Assert.Equal(expected[i].Channel, actual[i].Channel);
            Assert.Equal(expected[i].Payload, actual[i].Payload);
        }
    }
}
