using System.Buffers;
using System.Text;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class ProtocolHeaderTests
{
    [Fact]
    public void The_0_9_1_header_is_accepted_and_consumed()
    {
        var input = Sequences.Split(FrameBytes.Hex("414D5150 00000901 08"), 3);

        Assert.True(ProtocolHeader.TryRead(ref input, out var result));

        Assert.Equal(ProtocolHeaderCheck.Supported, result);
        Assert.Equal(1, input.Length);
    }

    [Theory]
    [InlineData("414D5150 01010009")]   // AMQP 0-9 (the old form)
    [InlineData("414D5150 00010000")]   // AMQP 1.0
    [InlineData("414D5150 00000900")]   // 0-9-0
    public void Other_amqp_versions_are_rejected(string hex)
    {
        var input = new ReadOnlySequence<byte>(FrameBytes.Hex(hex));

        Assert.True(ProtocolHeader.TryRead(ref input, out var result));

        Assert.Equal(ProtocolHeaderCheck.Rejected, result);
        Assert.Equal(ProtocolHeaderCheck.Rejected, ProtocolHeader.Check(FrameBytes.Hex(hex)));
    }

    [Fact]
    public void Another_protocol_is_rejected_as_soon_as_its_first_bytes_differ()
    {
        var input = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("GET"));

        Assert.True(ProtocolHeader.TryRead(ref input, out var result));

        Assert.Equal(ProtocolHeaderCheck.Rejected, result);
    }

    [Fact]
    public void A_correct_partial_header_asks_for_more()
    {
        var input = new ReadOnlySequence<byte>(FrameBytes.Hex("414D5150 00"));

        Assert.False(ProtocolHeader.TryRead(ref input, out _));
        Assert.Equal(5, input.Length);
    }

    [Fact]
    public void The_answer_to_a_rejected_header_is_the_supported_header()
    {
        Assert.Equal(FrameBytes.Hex("414D5150 00000901"), ProtocolHeader.Bytes.ToArray());
    }
}
