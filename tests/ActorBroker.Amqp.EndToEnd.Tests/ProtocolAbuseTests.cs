using System.Buffers.Binary;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class ProtocolAbuseTests : NodeTest
{
    [Fact]
    public async Task A_wrong_protocol_header_is_answered_with_the_supported_header_and_a_closed_socket()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);

        await raw.SendAsync("AMQP\0\0\u0010\0"u8.ToArray());

        Assert.Equal(ProtocolHeader.Bytes.ToArray(), await raw.ReadToEndAsync());
    }

    [Fact]
    public async Task Http_instead_of_amqp_gets_the_protocol_header_back()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);

        await raw.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        Assert.Equal(ProtocolHeader.Bytes.ToArray(), await raw.ReadToEndAsync());
    }

    [Fact]
    public async Task Garbage_bytes_close_only_that_connection_while_another_client_keeps_working()
    {
        await DeclareQueueAsync("survivor");
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();

        await raw.SendAsync([0x55, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0xAB, 0xCD, 0xCE]);

        Assert.Equal((ushort)501, await raw.ReadConnectionCloseAsync());
        await Channel.BasicPublishAsync("", "survivor", Encoding.UTF8.GetBytes("still here"));
        Assert.Equal("still here", Encoding.UTF8.GetString((await GetAsync("survivor")).Body.Span));
    }

    [Fact]
    public async Task An_oversize_frame_closes_the_connection_with_frame_error()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();
        var header = new byte[7];
        header[0] = (byte)FrameType.Body;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(1), 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(3), 64 * 1024 * 1024);

        await raw.SendAsync(header);

        Assert.Equal((ushort)501, await raw.ReadConnectionCloseAsync());
    }

    [Fact]
    public async Task A_frame_on_a_channel_that_is_not_open_closes_the_connection_with_channel_error()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();

        await raw.SendAsync(RawAmqpClient.Method(7, new QueueDeclare { Queue = "q" }));

        Assert.Equal((ushort)504, await raw.ReadConnectionCloseAsync());
    }

    [Fact]
    public async Task Truncated_content_followed_by_a_method_closes_the_connection_with_unexpected_frame()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();
        var publish = RawAmqpClient.Publish(1, "q", new byte[100]);

        // The publish method and content header, then a method where the body should be.
        await raw.SendAsync(publish.AsSpan(0, publish.Length - (100 + 8)).ToArray());
        await raw.SendAsync(RawAmqpClient.Method(1, new ChannelClose { ReplyText = "" }));

        Assert.Equal((ushort)505, await raw.ReadConnectionCloseAsync());
    }

    [Fact]
    public async Task An_unknown_method_closes_the_connection_with_not_implemented()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();
        var frame = RawAmqpClient.Method(1, new BasicQos());
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7 + 2), 999);

        await raw.SendAsync(frame);

        Assert.Equal((ushort)540, await raw.ReadConnectionCloseAsync());
    }

    [Fact]
    public async Task Channel_flow_that_would_pause_deliveries_closes_the_connection_with_not_implemented_as_RabbitMQ_does()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();

        await raw.SendAsync(RawAmqpClient.Method(1, new ChannelFlow { Active = false }));

        Assert.Equal((ushort)540, await raw.ReadConnectionCloseAsync());
    }

    [Fact]
    public async Task Qos_with_a_prefetch_size_closes_the_connection_with_not_implemented_as_RabbitMQ_does()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();

        await raw.SendAsync(RawAmqpClient.Method(1, new BasicQos { PrefetchSize = 65536, PrefetchCount = 10 }));

        Assert.Equal((ushort)540, await raw.ReadConnectionCloseAsync());
    }
}
