using System.Buffers;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Connections;

/// <summary>Drives a <see cref="ConnectionSession"/> the way a socket loop would, and decodes what it writes.</summary>
internal sealed class SessionHarness
{
    private readonly ArrayBufferWriter<byte> _output = new();
    private byte[] _pending = [];

    public SessionHarness(ConnectionSettings? settings = null) =>
        Session = new ConnectionSession(settings ?? new ConnectionSettings(), new FakeAuthenticator());

    public ConnectionSession Session { get; }

    public List<(ushort Channel, byte[] Payload)> ChannelFrames { get; } = [];

    public static byte[] StartOk(string user = "guest", string password = "guest", bool failureClose = true) =>
        FrameBytes.Method(0, new ConnectionStartOk
        {
            ClientProperties = new FieldTable
            {
                { "product", FieldValue.Of("test client") },
                { "capabilities", FieldValue.Of(new FieldTable { { "authentication_failure_close", FieldValue.Of(failureClose) } }) },
            },
            Mechanism = "PLAIN",
            Response = System.Text.Encoding.UTF8.GetBytes($"\0{user}\0{password}"),
        });

    public static byte[] TuneOk(ushort channelMax = 0, uint frameMax = 0, ushort heartbeat = 30) =>
        FrameBytes.Method(0, new ConnectionTuneOk { ChannelMax = channelMax, FrameMax = frameMax, Heartbeat = heartbeat });

    public static byte[] Open(string vhost = "/") => FrameBytes.Method(0, new ConnectionOpen { VirtualHost = vhost });

    /// <summary>Header, start-ok, tune-ok and open, as a client sends them.</summary>
    public static byte[] Handshake() => [.. ProtocolHeader.Bytes, .. StartOk(), .. TuneOk(), .. Open()];

    public List<SessionEvent> Feed(byte[] bytes)
    {
        _pending = [.. _pending, .. bytes];
        var events = new List<SessionEvent>();
        while (true)
        {
            var input = new ReadOnlySequence<byte>(_pending);
            var sessionEvent = Session.Process(ref input, _output, out var frame);
            if (sessionEvent == SessionEvent.ChannelFrame)
            {
                ChannelFrames.Add((frame.Channel, frame.Payload.ToArray()));
            }

            _pending = input.ToArray();
            events.Add(sessionEvent);
            if (sessionEvent is SessionEvent.NeedMoreInput or SessionEvent.Closed)
            {
                return events;
            }
        }
    }

    public byte[] TakeOutput()
    {
        var bytes = _output.WrittenSpan.ToArray();
        _output.ResetWrittenCount();
        return bytes;
    }

    /// <summary>The methods written since the last call, as ids with their arguments.</summary>
    public List<(AmqpMethodId Id, byte[] Arguments)> TakeMethods() =>
        FrameBytes.ReadAll(new ReadOnlySequence<byte>(TakeOutput()), 0)
            .Select(f => (AmqpMethods.ReadId(f.Payload), f.Payload[AmqpMethods.IdSize..]))
            .ToList();

    private sealed class FakeAuthenticator : IConnectionAuthenticator
    {
        public bool Authenticate(string userName, string password) => userName == "guest" && password == "guest";

        public bool CanOpenVirtualHost(string userName, string virtualHost) => virtualHost == "/";
    }
}
