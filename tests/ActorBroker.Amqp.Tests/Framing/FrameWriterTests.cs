using System.Buffers;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class FrameWriterTests
{
    [Fact]
    public void Body_is_split_into_frames_that_fill_frame_max()
    {
        var body = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();

        var frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, body, 4096)), 4096);

        var bodies = frames.Where(f => f.Type == FrameType.Body).Select(f => f.Payload).ToList();
        Assert.Equal([4088, 4088, 1824], bodies.Select(b => b.Length));
        Assert.Equal(body, bodies.SelectMany(b => b));
        Assert.Equal(10_000UL, ContentHeader.Read(frames[1].Payload).BodySize);
    }

    [Fact]
    public void Empty_body_writes_method_and_header_only()
    {
        var frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, [])));

        Assert.Equal([FrameType.Method, FrameType.Header], frames.Select(f => f.Type));
        Assert.Equal(0UL, ContentHeader.Read(frames[1].Payload).BodySize);
    }

    [Fact]
    public void Encoded_properties_are_forwarded_byte_for_byte()
    {
        var properties = new BasicProperties { ContentType = "text/plain", Headers = new FieldTable { { "h", FieldValue.Of(1) } } };
        var original = new ArrayBufferWriter<byte>();
        FrameWriter.WriteContentHeader(original, 3, 42, properties);
        var input = new ReadOnlySequence<byte>(original.WrittenMemory);
        Assert.True(FrameReader.TryReadFrame(ref input, 0, out var frame));
        var header = ContentHeader.Read(frame.Payload.ToArray());

        var forwarded = new ArrayBufferWriter<byte>();
        FrameWriter.WriteContentHeader(forwarded, 3, header.ClassId, header.BodySize, header.EncodedProperties);

        Assert.Equal(original.WrittenSpan.ToArray(), forwarded.WrittenSpan.ToArray());
    }

    [Fact]
    public void Short_string_longer_than_255_bytes_is_refused_with_its_length()
    {
        var publish = new BasicPublish { RoutingKey = new string('k', 256) };

        var error = Assert.Throws<ArgumentException>(() => FrameBytes.Method(1, publish));

        Assert.Contains("256 UTF-8 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_max_too_small_for_any_body_byte_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameWriter.WriteBody(new ArrayBufferWriter<byte>(), 1, [1], 8));
    }
}
