using System.Buffers;
using System.Text;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

/// <summary>Byte vectors written by hand from the AMQP 0-9-1 spec, independent of the generator.</summary>
public class KnownByteVectorTests
{
    [Fact]
    public void Basic_publish_encodes_as_the_spec_lays_it_out()
    {
        var bytes = FrameBytes.Method(1, new BasicPublish { Exchange = "ex", RoutingKey = "rk", Mandatory = true });

        var expected = FrameBytes.Hex(
            "01 0001 0000000D" +      // method frame, channel 1, payload 13
            "003C 0028" +             // basic.publish
            "0000" +                  // ticket
            "02 6578" + "02 726B" +   // exchange "ex", routing-key "rk"
            "01" +                    // mandatory=1, immediate=0
            "CE");
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Basic_deliver_encodes_as_the_spec_lays_it_out()
    {
        var deliver = new BasicDeliver { ConsumerTag = "ct", DeliveryTag = 5, Redelivered = true, Exchange = "", RoutingKey = "q" };

        var expected = FrameBytes.Hex(
            "01 0001 00000013" +
            "003C 003C" +
            "02 6374" +               // consumer-tag "ct"
            "0000000000000005" +      // delivery-tag 5
            "01" +                    // redelivered
            "00" + "01 71" +          // exchange "", routing-key "q"
            "CE");
        Assert.Equal(expected, FrameBytes.Method(1, deliver));
        Assert.Equal(deliver.DeliveryTag, BasicDeliver.Read(expected.AsSpan(11, 15)).DeliveryTag);
    }

    [Fact]
    public void Connection_start_ok_decodes_from_the_bytes_a_client_sends()
    {
        var payload = FrameBytes.Hex(
            "000A 000B" +
            "0000000E 07 70726F64756374 53 00000001 78" +       // {"product": S "x"}
            "05 504C41494E" +                                   // mechanism "PLAIN"
            "0000000C 00 6775657374 00 6775657374" +            // response "\0guest\0guest"
            "05 656E5F5553");                                   // locale "en_US"

        Assert.Equal(AmqpMethodId.ConnectionStartOk, AmqpMethods.ReadId(payload));
        var startOk = ConnectionStartOk.Read(payload.AsSpan(AmqpMethods.IdSize));

        Assert.Equal("x", startOk.ClientProperties!["product"].AsString());
        Assert.Equal("PLAIN", startOk.Mechanism);
        Assert.Equal("\0guest\0guest", Encoding.UTF8.GetString(startOk.Response.Span));
        Assert.Equal("en_US", startOk.Locale);
        Assert.Equal(payload.Length - AmqpMethods.IdSize, startOk.GetSize());
    }

    [Fact]
    public void Basic_ack_encodes_delivery_tag_and_multiple_flag()
    {
        var expected = FrameBytes.Hex("01 0002 0000000D 003C 0050 000000000000002A 01 CE");

        Assert.Equal(expected, FrameBytes.Method(2, new BasicAck { DeliveryTag = 42, Multiple = true }));
    }

    [Fact]
    public void Consecutive_bits_share_one_octet_least_significant_first()
    {
        var declare = new ExchangeDeclare { Exchange = "e", Type = "fanout", Durable = true, Nowait = true };

        var expected = FrameBytes.Hex("0000 01 65 06 66616E6F7574 12 00000000");   // passive=1 durable=2 auto-delete=4 internal=8 nowait=16

        var arguments = new byte[declare.GetSize()];
        declare.WriteTo(arguments);
        Assert.Equal(expected, arguments);
    }

    [Fact]
    public void Content_header_sets_one_flag_bit_per_present_property()
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteContentHeader(output, 1, 8, new BasicProperties { ContentType = "text/plain", DeliveryMode = 2 });

        var expected = FrameBytes.Hex(
            "02 0001 0000001A" +
            "003C 0000 0000000000000008" +      // class basic, weight 0, body size 8
            "9000" +                            // content-type (bit 15), delivery-mode (bit 12)
            "0A 746578742F706C61696E 02" +
            "CE");
        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Heartbeat_is_an_empty_frame_on_channel_zero()
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteHeartbeat(output);

        Assert.Equal(FrameBytes.Hex("08 0000 00000000 CE"), output.WrittenSpan.ToArray());
    }
}
