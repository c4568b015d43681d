using System.Buffers;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>A bare socket speaking AMQP through the codec, for sending what no well-behaved client would.</summary>
public sealed class RawAmqpClient : IAsyncDisposable
{
    public const uint FrameMax = 131_072;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _receive = new byte[64 * 1024];
    private byte[] _pending = [];

    public static async Task<RawAmqpClient> ConnectAsync(int port)
    {
        var client = new RawAmqpClient();
        await client._socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(BrokerNode.Timeout);
        return client;
    }

    /// <summary>Protocol header, PLAIN guest/guest, tune-ok, open "/", and channel 1 open.</summary>
    public async Task OpenAsync(ushort heartbeat = 0)
    {
        await OpenConnectionAsync(heartbeat);
        await SendAsync(Method(1, new ChannelOpen()));
        await ExpectAsync(AmqpMethodId.ChannelOpenOk);
    }

    /// <summary>Protocol header, PLAIN guest/guest, tune-ok, open "/", until connection.open-ok has arrived.</summary>
    public async Task OpenConnectionAsync(ushort heartbeat = 0)
    {
        await HandshakeUpToOpenAsync(heartbeat, "/");
        await ExpectAsync(AmqpMethodId.ConnectionOpenOk);
    }

    /// <summary>The handshake up to and including connection.open of <paramref name="virtualHost"/>; the reply is left unread.</summary>
    public async Task HandshakeUpToOpenAsync(ushort heartbeat, string virtualHost)
    {
        await SendAsync(ProtocolHeader.Bytes.ToArray());
        await ExpectAsync(AmqpMethodId.ConnectionStart);
        await SendAsync(Method(0, new ConnectionStartOk
        {
            ClientProperties = new FieldTable(),
            Mechanism = "PLAIN",
            Response = "\0guest\0guest"u8.ToArray(),
            Locale = "en_US",
        }));
        await ExpectAsync(AmqpMethodId.ConnectionTune);
        await SendAsync(Method(0, new ConnectionTuneOk { ChannelMax = 16, FrameMax = FrameMax, Heartbeat = heartbeat }));
        await SendAsync(Method(0, new ConnectionOpen { VirtualHost = virtualHost }));
    }

    public static byte[] Method<TMethod>(ushort channel, in TMethod method)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteMethod(output, channel, method);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Publish(ushort channel, string routingKey, byte[] body, ActorBroker.Amqp.Framing.BasicProperties? properties = null)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteContent(output, channel, new BasicPublish { Exchange = "", RoutingKey = routingKey }, properties, body, FrameMax);
        return output.WrittenSpan.ToArray();
    }

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes.AsMemory()).AsTask().WaitAsync(BrokerNode.Timeout);

    /// <summary>The next frame, or null when the server closed the socket.</summary>
    public async Task<(FrameType Type, ushort Channel, byte[] Payload)?> ReadFrameAsync()
    {
        while (true)
        {
            var input = new ReadOnlySequence<byte>(_pending);
            if (FrameReader.TryReadFrame(ref input, FrameMax, out var frame))
            {
                var result = (frame.Type, frame.Channel, frame.Payload.ToArray());
                _pending = input.ToArray();
                return result;
            }

            if (await ReceiveAsync() == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Frames until the server closes the socket.</summary>
    public async Task<List<FrameType>> ReadFrameTypesToEndAsync()
    {
        var types = new List<FrameType>();
        while (await ReadFrameAsync() is { } frame)
        {
            types.Add(frame.Type);
        }

        return types;
    }

    /// <summary>Raw bytes until the server closes the socket.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        while (await ReceiveAsync() > 0)
        {
        }

        return _pending;
    }

    /// <summary>
    /// Reads until the server sends connection.close (answered with close-ok) and returns its reply code; null
    /// when the socket closes first.
    /// </summary>
    public async Task<ushort?> ReadConnectionCloseAsync()
    {
        while (await ReadFrameAsync() is { } frame)
        {
            if (frame.Type == FrameType.Method && frame.Channel == 0 && AmqpMethods.ReadId(frame.Payload) == AmqpMethodId.ConnectionClose)
            {
                await SendAsync(Method(0, default(ConnectionCloseOk)));
                return ConnectionClose.Read(frame.Payload.AsSpan(AmqpMethods.IdSize)).ReplyCode;
            }
        }

        return null;
    }

    /// <summary>Reads whatever comes until the server closes the socket or <paramref name="patience"/> runs out.</summary>
    public async Task DrainAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            while (await _socket.ReceiveAsync(_receive.AsMemory(), timeout.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // Patience ran out, or the server reset the connection: either way this client is done.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ExpectAsync(AmqpMethodId expected)
    {
        var frame = await ReadFrameAsync() ?? throw new InvalidOperationException($"The server closed the socket while {expected} was expected.");
        var actual = AmqpMethods.ReadId(frame.Payload);
        if (actual != expected)
        {
            throw new InvalidOperationException($"Expected {expected}, got {actual}.");
        }
    }

    private async Task<int> ReceiveAsync()
    {
        int read;
        try
        {
            read = await _socket.ReceiveAsync(_receive.AsMemory()).AsTask().WaitAsync(BrokerNode.Timeout);
        }
        catch (SocketException)
        {
            return 0;
        }

        _pending = [.. _pending, .. _receive.AsSpan(0, read)];
        return read;
    }
}
