using System.Buffers;
using System.Text;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Connections;

public sealed partial class ConnectionSession
{
    private void HandleConnectionFrame(in Frame frame, IBufferWriter<byte> output)
    {
        var id = default(AmqpMethodId);
        try
        {
            if (frame.Type != FrameType.Method)
            {
                throw AmqpProtocolException.UnexpectedFrame($"{frame.Type} frame on channel 0, which carries only methods");
            }

            // Channel-0 methods are few and small; a rare multi-segment one is simply copied.
            var payload = frame.Payload.IsSingleSegment ? frame.Payload.FirstSpan : frame.Payload.ToArray();
            id = AmqpMethods.ReadId(payload);
            HandleMethod(id, payload[AmqpMethods.IdSize..], output);
        }
        catch (AmqpProtocolException e)
        {
            Fail(output, e.ReplyCode, e.Message, id);
        }
    }

    private void HandleMethod(AmqpMethodId id, ReadOnlySpan<byte> arguments, IBufferWriter<byte> output)
    {
        switch (State, id)
        {
            case (_, AmqpMethodId.ConnectionClose):
                FrameWriter.WriteMethod(output, 0, default(ConnectionCloseOk));
                State = ConnectionState.Closed;
                break;
            case (ConnectionState.Closing, AmqpMethodId.ConnectionCloseOk):
                State = ConnectionState.Closed;
                break;
            case (ConnectionState.Closing, _):
                break;
            case (ConnectionState.AwaitingStartOk, AmqpMethodId.ConnectionStartOk):
                OnStartOk(ConnectionStartOk.Read(arguments), output);
                break;
            case (ConnectionState.AwaitingTuneOk, AmqpMethodId.ConnectionTuneOk):
                OnTuneOk(ConnectionTuneOk.Read(arguments));
                break;
            case (ConnectionState.AwaitingOpen, AmqpMethodId.ConnectionOpen):
                OnOpen(ConnectionOpen.Read(arguments), output);
                break;
            case (ConnectionState.Open, AmqpMethodId.ConnectionUpdateSecret):
                OnUpdateSecret(ConnectionUpdateSecret.Read(arguments), output);
                break;
            default:
                throw new AmqpProtocolException(ReplyCode.ChannelError, $"unexpected method {AmqpMethods.Describe(id)} in connection state {State}");
        }
    }

    private void OnStartOk(in ConnectionStartOk startOk, IBufferWriter<byte> output)
    {
        _clientProperties = startOk.ClientProperties ?? new FieldTable();
        if (startOk.Mechanism == SaslCredentials.External && _authenticator.OffersExternal)
        {
            if (_authenticator.AuthenticateExternal() is not { } certified)
            {
                RefuseLogin(startOk.Mechanism, output);
                return;
            }

            _userName = certified;
        }
        else
        {
            if (!SaslCredentials.TryParse(startOk.Mechanism, startOk.Response.Span, out var credentials, out var error))
            {
                var code = startOk.Mechanism is SaslCredentials.Plain or SaslCredentials.AmqPlain ? ReplyCode.AccessRefused : ReplyCode.CommandInvalid;
                throw new AmqpProtocolException(code, error);
            }

            if (!_authenticator.Authenticate(credentials.UserName, credentials.Password))
            {
                RefuseLogin(startOk.Mechanism, output);
                return;
            }

            _userName = credentials.UserName;
        }

        FrameWriter.WriteMethod(output, 0, new ConnectionTune
        {
            ChannelMax = _settings.ChannelMax,
            FrameMax = _settings.FrameMax,
            Heartbeat = _settings.Heartbeat,
        });
        State = ConnectionState.AwaitingTuneOk;
    }

    // A client that announces authentication_failure_close is told why; older clients expect the socket to close.
    private void RefuseLogin(string mechanism, IBufferWriter<byte> output)
    {
        if (!ClientCapabilities.Has(_clientProperties, "authentication_failure_close"))
        {
            State = ConnectionState.Closed;
            return;
        }

        Fail(output, ReplyCode.AccessRefused,
            $"Login was refused using authentication mechanism {mechanism}. For details see the broker logfile.", AmqpMethodId.ConnectionStartOk);
    }

    private void OnTuneOk(in ConnectionTuneOk tuneOk)
    {
        var channelMax = tuneOk.ChannelMax == 0 ? _settings.ChannelMax : tuneOk.ChannelMax;
        if (channelMax > _settings.ChannelMax)
        {
            throw NotAllowed($"negotiated channel_max = {channelMax} is higher than the maximum allowed value ({_settings.ChannelMax})");
        }

        var frameMax = tuneOk.FrameMax == 0 ? _settings.FrameMax : tuneOk.FrameMax;
        if (frameMax < ConnectionSettings.MinFrameMax)
        {
            throw NotAllowed($"frame_max={frameMax} < {ConnectionSettings.MinFrameMax} min size");
        }

        if (frameMax > _settings.FrameMax)
        {
            throw NotAllowed($"frame_max={frameMax} > {_settings.FrameMax} max size");
        }

        _channelMax = channelMax;
        _frameMax = frameMax;
        _heartbeat = tuneOk.Heartbeat;
        State = ConnectionState.AwaitingOpen;
    }

    private void OnOpen(in ConnectionOpen open, IBufferWriter<byte> output)
    {
        if (!_authenticator.CanOpenVirtualHost(_userName, open.VirtualHost))
        {
            throw NotAllowed($"access to vhost '{open.VirtualHost}' refused for user '{_userName}'");
        }

        FrameWriter.WriteMethod(output, 0, new ConnectionOpenOk());
        Negotiated = new NegotiatedConnection(_userName, open.VirtualHost, _channelMax, _frameMax, _heartbeat, _clientProperties);
        State = ConnectionState.Open;
    }

    // The new secret (say, a refreshed token) must still authenticate the connection's user; a refused one ends
    // the connection with not-allowed rather than leaving it open on credentials nobody checked. RabbitMQ 3.10
    // answers update-secret-ok to such a secret; this difference is deliberate (docs/compatibility.md).
    private void OnUpdateSecret(in ConnectionUpdateSecret update, IBufferWriter<byte> output)
    {
        if (!_authenticator.Authenticate(_userName, Encoding.UTF8.GetString(update.NewSecret.Span)))
        {
            throw NotAllowed($"new secret was refused for user '{_userName}'");
        }

        FrameWriter.WriteMethod(output, 0, default(ConnectionUpdateSecretOk));
    }

    private void Fail(IBufferWriter<byte> output, ReplyCode replyCode, string message, AmqpMethodId failing)
    {
        WriteClose(output, replyCode, message, failing);
        State = ConnectionState.Closing;
    }

    private static void WriteClose(IBufferWriter<byte> output, ReplyCode replyCode, string message, AmqpMethodId failing) =>
        FrameWriter.WriteMethod(output, 0, new ConnectionClose
        {
            ReplyCode = (ushort)replyCode,
            ReplyText = ReplyText.Format(replyCode, message),
            FailingClassId = AmqpMethods.ClassIdOf(failing),
            FailingMethodId = AmqpMethods.MethodIdOf(failing),
        });

    private static AmqpProtocolException NotAllowed(string message) => new(ReplyCode.NotAllowed, message);
}
