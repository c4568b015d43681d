using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class BasicPropertiesTests
{
    [Fact]
    public void All_fourteen_properties_survive_a_round_trip()
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "gzip",
            Headers = new FieldTable { { "x-trace", FieldValue.Of("abc") } },
            DeliveryMode = 2,
            Priority = 9,
            CorrelationId = "corr",
            ReplyTo = "amq.rabbitmq.reply-to",
            Expiration = "60000",
            MessageId = "m-1",
            Timestamp = new AmqpTimestamp(1_700_000_000),
            Type = "order.created",
            UserId = "guest",
            AppId = "shop",
            ClusterId = "c1",
        };

        var decoded = RoundTrip(properties);

        Assert.Equal((1UL << 14) - 1, decoded.PresenceMask);
        Assert.Equal(properties.ContentType, decoded.ContentType);
        Assert.Equal(properties.ContentEncoding, decoded.ContentEncoding);
        Assert.True(properties.Headers.ContentEquals(decoded.Headers));
        Assert.Equal(properties.DeliveryMode, decoded.DeliveryMode);
        Assert.Equal(properties.Priority, decoded.Priority);
        Assert.Equal(properties.CorrelationId, decoded.CorrelationId);
        Assert.Equal(properties.ReplyTo, decoded.ReplyTo);
        Assert.Equal(properties.Expiration, decoded.Expiration);
        Assert.Equal(properties.MessageId, decoded.MessageId);
        Assert.Equal(properties.Timestamp, decoded.Timestamp);
        Assert.Equal(properties.Type, decoded.Type);
        Assert.Equal(properties.UserId, decoded.UserId);
        Assert.Equal(properties.AppId, decoded.AppId);
        Assert.Equal(properties.ClusterId, decoded.ClusterId);
    }

    [Theory]
    [InlineData(0, "8000")]
    [InlineData(2, "2000")]
    [InlineData(3, "1000")]
    [InlineData(9, "0040")]
    [InlineData(13, "0004")]
    public void Property_i_sets_flag_bit_fifteen_minus_i(int index, string flagsHex)
    {
        var properties = index switch
        {
            0 => new BasicProperties { ContentType = "" },
            2 => new BasicProperties { Headers = new FieldTable() },
            3 => new BasicProperties { DeliveryMode = 1 },
            9 => new BasicProperties { Timestamp = new AmqpTimestamp(0) },
            _ => new BasicProperties { ClusterId = "" },
        };

        var encoded = Encode(properties);

        Assert.Equal(FrameBytes.Hex(flagsHex), encoded[..2]);
        Assert.Equal(1UL << index, BasicProperties.Read(encoded).PresenceMask);
    }

    [Fact]
    public void No_properties_is_a_single_zero_flag_word()
    {
        Assert.Equal(new byte[2], Encode(new BasicProperties()));
        Assert.Equal(0UL, BasicProperties.Read(new byte[2]).PresenceMask);
    }

    [Fact]
    public void A_continuation_word_without_further_flags_is_accepted()
    {
        var decoded = BasicProperties.Read(FrameBytes.Hex("1001 0000 02"));   // delivery-mode, continuation bit, empty second word

        Assert.Equal((byte)2, decoded.DeliveryMode);
    }

    [Theory]
    [InlineData("0002")]         // bit 1: a fifteenth property class basic does not have
    [InlineData("0001 8000")]    // a second flag word naming property 15
    public void A_flag_for_a_property_basic_does_not_define_is_a_syntax_error(string flagsHex)
    {
        var error = Assert.Throws<AmqpProtocolException>(() => BasicProperties.Read(FrameBytes.Hex(flagsHex)));

        Assert.Equal(ReplyCode.SyntaxError, error.ReplyCode);
        Assert.Contains("defines only 14 properties", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_word_for_properties_past_fifteen_sets_the_continuation_bit()
    {
        var encoded = new byte[AmqpWriter.SizeOfPropertyFlags(1UL << 15)];
        new AmqpWriter(encoded).WritePropertyFlags((1UL << 15) | 1UL);

        Assert.Equal(FrameBytes.Hex("8001 8000"), encoded);
    }

    [Fact]
    public void Content_header_keeps_the_encoded_properties_for_forwarding()
    {
        var payload = FrameBytes.Hex("003C 0000 0000000000000400 1000 02");

        var header = ContentHeader.Read(payload);

        Assert.Equal(60, header.ClassId);
        Assert.Equal(1024UL, header.BodySize);
        Assert.Equal(FrameBytes.Hex("1000 02"), header.EncodedProperties.ToArray());
        Assert.Equal((byte)2, header.ReadBasicProperties().DeliveryMode);
    }

    private static byte[] Encode(BasicProperties properties)
    {
        var encoded = new byte[properties.GetSize()];
        Assert.Equal(encoded.Length, properties.WriteTo(encoded));
        return encoded;
    }

    private static BasicProperties RoundTrip(BasicProperties properties) => BasicProperties.Read(Encode(properties));
}
