using System.Buffers;
using ActorBroker.Amqp.Commands;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Commands;

public class CommandAssemblerTests
{
    private static readonly byte[] s_body = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Publish_with_header_and_split_body_assembles_into_one_command()
    {
        var assembler = new CommandAssembler();
        var bytes = FrameBytes.Content(1, new BasicPublish { RoutingKey = "orders" }, new BasicProperties { MessageId = "m-1" }, s_body, 4096);

        var commands = Feed(assembler, Sequences.Chunked(bytes, 1000));

        var command = Assert.Single(commands);
        Assert.Equal(AmqpMethodId.BasicPublish, command.Method);
        Assert.Equal("orders", BasicPublish.Read(command.Arguments).RoutingKey);
        Assert.Equal("m-1", BasicProperties.Read(command.Properties!).MessageId);
        Assert.Equal(s_body, command.Body);
        Assert.True(assembler.IsIdle);
    }

    [Fact]
    public void Method_without_content_is_complete_at_once()
    {
        var commands = Feed(new CommandAssembler(), new ReadOnlySequence<byte>(FrameBytes.Method(1, new BasicAck { DeliveryTag = 3 })));

        var command = Assert.Single(commands);
        Assert.Equal(AmqpMethodId.BasicAck, command.Method);
        Assert.Equal(3UL, BasicAck.Read(command.Arguments).DeliveryTag);
        Assert.Null(command.Properties);
    }

    [Fact]
    public void Empty_body_completes_with_the_header()
    {
        var commands = Feed(new CommandAssembler(), new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, [])));

        Assert.Empty(Assert.Single(commands).Body);
    }

    [Fact]
    public void Consecutive_publishes_each_keep_their_own_body()
    {
        byte[] bytes = [.. FrameBytes.Content(1, new BasicPublish(), null, [1, 2, 3]), .. FrameBytes.Content(1, new BasicPublish(), null, [4, 5])];

        var commands = Feed(new CommandAssembler(), new ReadOnlySequence<byte>(bytes));

        Assert.Equal([[1, 2, 3], [4, 5]], commands.Select(c => c.Body));
    }

    [Theory]
    [InlineData("header first", "content header frame on channel 1 while expecting a method frame")]
    [InlineData("body first", "content body frame on channel 1 while expecting a method frame")]
    [InlineData("method instead of header", "method frame on channel 1 while expecting the content header of basic.publish")]
    [InlineData("method inside body", "method frame on channel 1 while expecting 3912 more body bytes of basic.publish")]
    public void Frames_out_of_order_are_unexpected_frame_errors(string scenario, string message)
    {
        var content = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, new byte[8000], 4096)));
        var ack = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Method(1, new BasicAck())))[0];
        var frames = scenario switch
        {
            "header first" => [content[1]],
            "body first" => [content[2]],
            "method instead of header" => [content[0], ack],
            _ => new[] { content[0], content[1], content[2], ack },
        };

        var error = Assert.Throws<AmqpProtocolException>(() => FeedFrames(new CommandAssembler(), frames));

        Assert.Equal(ReplyCode.UnexpectedFrame, error.ReplyCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Body_longer_than_the_announced_size_is_a_frame_error()
    {
        var frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, [1, 2, 3])));
        var header = frames[1].Payload;
        header[11] = 2;   // body-size 2, but the body frame carries 3

        var error = Assert.Throws<AmqpProtocolException>(() => FeedFrames(new CommandAssembler(), [frames[0], frames[1], frames[2]]));

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
        Assert.Contains("more than the header's body-size 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_above_the_maximum_is_refused_from_the_header_before_any_body_arrives()
    {
        var frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, new byte[2000])));

        var error = Assert.Throws<AmqpProtocolException>(() => FeedFrames(new CommandAssembler(maxBodySize: 1000), [frames[0], frames[1]]));

        Assert.Equal(ReplyCode.PreconditionFailed, error.ReplyCode);
        Assert.False(error.IsConnectionError);
    }

    [Fact]
    public void A_content_header_alone_allocates_no_body_however_large_the_size_it_announces()
    {
        var frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, new byte[1000])));
        var header = frames[1].Payload;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(4), CommandAssembler.DefaultMaxBodySize);
        var assembler = new CommandAssembler();
        FeedFrames(assembler, [frames[0]]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        FeedFrames(assembler, [(FrameType.Header, 1, header)]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(assembler.IsIdle);
        Assert.True(allocated < 4096, $"a header frame announcing {CommandAssembler.DefaultMaxBodySize} bytes allocated {allocated}");
    }

    [Fact]
    public void Header_of_another_class_is_refused()
    {
        var frames = FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Content(1, new BasicPublish(), null, [1])));
        frames[1].Payload[1] = 50;

        var error = Assert.Throws<AmqpProtocolException>(() => FeedFrames(new CommandAssembler(), [frames[0], frames[1]]));

        Assert.Equal(ReplyCode.UnexpectedFrame, error.ReplyCode);
    }

    [Fact]
    public void Heartbeat_is_not_a_channel_frame()
    {
        var heartbeat = new Frame(FrameType.Heartbeat, 0, ReadOnlySequence<byte>.Empty);

        Assert.Throws<ArgumentException>(() => new CommandAssembler().TryAssemble(heartbeat, out _));
    }

    [Fact]
    public void Frames_in_random_order_assemble_or_fail_with_a_protocol_error_only()
    {
        byte[] stream =
        [
            .. FrameBytes.Content(1, new BasicPublish(), new BasicProperties { Priority = 1 }, new byte[9000], 4096),
            .. FrameBytes.Content(1, new BasicReturn(), null, [], 4096),
            .. FrameBytes.Method(1, new BasicAck()),
        ];
        var pool = FrameBytes.ReadAll(new ReadOnlySequence<byte>(stream));
        var random = new Random(404);
        for (var round = 0; round < 2000; round++)
        {
            var frames = Enumerable.Range(0, random.Next(1, 12)).Select(_ => pool[random.Next(pool.Count)]);
            try
            {
                FeedFrames(new CommandAssembler(), frames);
            }
            catch (AmqpProtocolException)
            {
                // The expected way for a bad sequence to end.
            }
        }
    }

    private static List<Assembled> Feed(CommandAssembler assembler, ReadOnlySequence<byte> input)
    {
        var commands = new List<Assembled>();
        while (FrameReader.TryReadFrame(ref input, FrameBytes.FrameMax, out var frame))
        {
            if (assembler.TryAssemble(frame, out var command))
            {
                commands.Add(Assembled.Copy(command));
            }
        }

        return commands;
    }

    private static List<Assembled> FeedFrames(CommandAssembler assembler, IEnumerable<(FrameType Type, ushort Channel, byte[] Payload)> frames)
    {
        var commands = new List<Assembled>();
        foreach (var (type, channel, payload) in frames)
        {
            if (assembler.TryAssemble(new Frame(type, channel, new ReadOnlySequence<byte>(payload)), out var command))
            {
                commands.Add(Assembled.Copy(command));
            }
        }

        return commands;
    }

    private sealed record Assembled(AmqpMethodId Method, byte[] Arguments, byte[]? Properties, byte[] Body)
    {
        public static Assembled Copy(AssembledCommand command) => new(
            command.MethodId,
            command.Arguments.ToArray(),
            command.HasContent ? command.Header.EncodedProperties.ToArray() : null,
            command.Body.ToArray());
    }
}
