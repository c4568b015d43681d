using System.Buffers;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Amqp.Commands;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Tests.Interop;

/// <summary>
/// A minimal socket loop around <see cref="ConnectionSession"/> and <see cref="CommandAssembler"/> for one
/// client: enough channel handling (open, publish, close) to exercise the codec against a real client.
/// </summary>
internal sealed class LoopbackAmqpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<ushort, CommandAssembler> _assemblers = [];

    public LoopbackAmqpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public List<(string RoutingKey, string? MessageId, byte[] Body)> Published { get; } = [];

    public async Task ServeOneClientAsync(IConnectionAuthenticator authenticator)
    {
        using var socket = await _listener.AcceptSocketAsync();
        await using var stream = new NetworkStream(socket);
        var session = new ConnectionSession(new ConnectionSettings(), authenticator);
        var output = new ArrayBufferWriter<byte>();
        var buffer = new byte[64 * 1024];
        byte[] pending = [];
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            pending = [.. pending, .. buffer.AsSpan(0, read)];
            var input = new ReadOnlySequence<byte>(pending);
            var sessionEvent = Drain(session, ref input, output);
            pending = input.ToArray();
            await stream.WriteAsync(output.WrittenMemory);
            output.ResetWrittenCount();
            if (sessionEvent == SessionEvent.Closed)
            {
                return;
            }
        }
    }

    public void Dispose() => _listener.Stop();

    private SessionEvent Drain(ConnectionSession session, ref ReadOnlySequence<byte> input, ArrayBufferWriter<byte> output)
    {
        while (true)
        {
            var sessionEvent = session.Process(ref input, output, out var frame);
            if (sessionEvent == SessionEvent.ChannelFrame)
            {
                OnChannelFrame(frame, output);
            }
            else if (sessionEvent != SessionEvent.Opened)
            {
                return sessionEvent;
            }
        }
    }

    private void OnChannelFrame(in Frame frame, ArrayBufferWriter<byte> output)
    {
        if (!_assemblers.TryGetValue(frame.Channel, out var assembler))
        {
            _assemblers[frame.Channel] = assembler = new CommandAssembler();
        }

        if (!assembler.TryAssemble(frame, out var command))
        {
            return;
        }

        switch (command.MethodId)
        {
            case AmqpMethodId.ChannelOpen:
                FrameWriter.WriteMethod(output, frame.Channel, new ChannelOpenOk());
                break;
            case AmqpMethodId.BasicPublish:
                var publish = BasicPublish.Read(command.Arguments);
                Published.Add((publish.RoutingKey, command.Header.ReadBasicProperties().MessageId, command.Body.ToArray()));
                break;
            case AmqpMethodId.ChannelClose:
                FrameWriter.WriteMethod(output, frame.Channel, default(ChannelCloseOk));
                break;
        }
    }
}
