using System.Buffers;
using System.Globalization;
using System.Text;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Connections;

/// <summary>
/// The connection-level protocol of one client as a pure state machine: bytes in, bytes out, no socket and no
/// clock. It checks the protocol header, runs start/start-ok, tune/tune-ok and open/open-ok, answers
/// connection.close, and hands every frame for channels 1…channel-max to the caller. Protocol errors become a
/// connection.close with the right reply code. Not thread-safe: one reader loop drives it.
/// </summary>
public sealed partial class ConnectionSession
{
    private readonly ConnectionSettings _settings;
    private readonly IConnectionAuthenticator _authenticator;
    private FieldTable _clientProperties = new();
    private string _userName = "";
    private ushort _channelMax;
    private uint _frameMax = AmqpConstants.FrameMinSize;
    private ushort _heartbeat;

    public ConnectionSession(ConnectionSettings settings, IConnectionAuthenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(authenticator);
        if (settings.FrameMax < ConnectionSettings.MinFrameMax)
        {
            throw new ArgumentException($"frame-max {settings.FrameMax} is below the protocol minimum {ConnectionSettings.MinFrameMax}", nameof(settings));
        }

        _settings = settings;
        _authenticator = authenticator;
    }

    public ConnectionState State { get; private set; }

    /// <summary>The settled parameters once the connection is open; null before.</summary>
    public NegotiatedConnection? Negotiated { get; private set; }

    /// <summary>
    /// The frame-max to read with: RabbitMQ's pre-authentication minimum (8192, room for large tokens in
    /// start-ok) until tune-ok, the negotiated value after.
    /// </summary>
    public uint FrameMax => _frameMax;

    /// <summary>
    /// Consumes what it can from <paramref name="input"/>, writes any replies to <paramref name="output"/>,
    /// and returns at the first event the caller must act on.
    /// </summary>
    /// <param name="input">Unconsumed input; on return it starts after what was handled.</param>
    /// <param name="output">Where replies are written; flush it after every call.</param>
    /// <param name="channelFrame">For <see cref="SessionEvent.ChannelFrame"/>: the frame, a slice of <paramref name="input"/>.</param>
    public SessionEvent Process(ref ReadOnlySequence<byte> input, IBufferWriter<byte> output, out Frame channelFrame)
    {
        channelFrame = default;
        if (State == ConnectionState.AwaitingProtocolHeader && !TryAcceptProtocolHeader(ref input, output))
        {
            return State == ConnectionState.Closed ? SessionEvent.Closed : SessionEvent.NeedMoreInput;
        }

        while (State != ConnectionState.Closed)
        {
            Frame frame;
            try
            {
                if (!FrameReader.TryReadFrame(ref input, _frameMax, out frame))
                {
                    return SessionEvent.NeedMoreInput;
                }
            }
            catch (AmqpProtocolException e)
            {
                // The stream cannot be parsed past a broken frame, so there is no waiting for close-ok.
                WriteClose(output, e.ReplyCode, e.Message, default);
                State = ConnectionState.Closed;
                break;
            }

            if (frame.Type == FrameType.Heartbeat)
            {
                continue;
            }

            if (frame.Channel != 0)
            {
                if (TryRouteChannelFrame(frame, output))
                {
                    channelFrame = frame;
                    return SessionEvent.ChannelFrame;
                }

                continue;
            }

            var wasOpen = State == ConnectionState.Open;
            HandleConnectionFrame(frame, output);
            if (!wasOpen && State == ConnectionState.Open)
            {
                return SessionEvent.Opened;
            }
        }

        return SessionEvent.Closed;
    }

    /// <summary>Closes the connection from the server side, e.g. 320 connection-forced at shutdown.</summary>
    public void Close(IBufferWriter<byte> output, ReplyCode replyCode, string replyText)
    {
        if (State is ConnectionState.Closing or ConnectionState.Closed)
        {
            return;
        }

        WriteClose(output, replyCode, replyText, default);
        State = ConnectionState.Closing;
    }

    private bool TryAcceptProtocolHeader(ref ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        if (!ProtocolHeader.TryRead(ref input, out var check))
        {
            return false;
        }

        if (check == ProtocolHeaderCheck.Rejected)
        {
            output.Write(ProtocolHeader.Bytes);
            State = ConnectionState.Closed;
            return false;
        }

        FrameWriter.WriteMethod(output, 0, new ConnectionStart
        {
            ServerProperties = ServerProperties.Build(_settings),
            Mechanisms = Encoding.ASCII.GetBytes(_authenticator.OffersExternal ? SaslCredentials.External + " " + SaslCredentials.Offered : SaslCredentials.Offered),
        });
        State = ConnectionState.AwaitingStartOk;
        return true;
    }

    private bool TryRouteChannelFrame(in Frame frame, IBufferWriter<byte> output)
    {
        switch (State)
        {
            case ConnectionState.Open when frame.Channel <= _channelMax:
                return true;
            case ConnectionState.Open:
                Fail(output, ReplyCode.ChannelError, string.Create(CultureInfo.InvariantCulture,
                    $"channel {frame.Channel} is above the negotiated channel-max {_channelMax}"), default);
                return false;
            case ConnectionState.Closing:
                return false;
            default:
                Fail(output, ReplyCode.ChannelError, string.Create(CultureInfo.InvariantCulture,
                    $"{frame.Type} frame on channel {frame.Channel} before the connection is open"), default);
                return false;
        }
    }
}
