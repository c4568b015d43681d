using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class AmqpReaderTests
{
    [Fact]
    public void Short_string_that_is_not_valid_utf8_is_a_syntax_error()
    {
        var error = Assert.Throws<AmqpProtocolException>(() => new AmqpReader(FrameBytes.Hex("02 C328")).ReadShortString());

        Assert.Equal(ReplyCode.SyntaxError, error.ReplyCode);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_short_strings_decode_to_the_same_instance()
    {
        var encoded = FrameBytes.Hex("06 6F7264657273");

        var first = new AmqpReader(encoded).ReadShortString();
        var second = new AmqpReader(encoded).ReadShortString();

        Assert.Equal("orders", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Long_string_length_beyond_the_input_is_a_frame_error()
    {
        var error = Assert.Throws<AmqpProtocolException>(() => new AmqpReader(FrameBytes.Hex("FFFFFFFF 00")).ReadLongString());

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
        Assert.Contains("truncated longstr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_keep_the_full_64_bit_range()
    {
        var encoded = new byte[8];
        new AmqpWriter(encoded).WriteTimestamp(new AmqpTimestamp(long.MinValue));

        Assert.Equal(long.MinValue, new AmqpReader(encoded).ReadTimestamp().UnixSeconds);
    }

    [Fact]
    public void Timestamp_converts_to_and_from_date_time_offset_in_whole_seconds()
    {
        var moment = new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero);

        Assert.Equal(moment, AmqpTimestamp.FromDateTimeOffset(moment.AddMilliseconds(400)).ToDateTimeOffset());
    }
}
