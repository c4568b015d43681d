using System.Buffers;
using System.Globalization;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Amqp.Server;

public sealed partial class AmqpServerConnection
{
    /// <summary>
    /// Runs what <paramref name="buffer"/> holds until it needs more input, or until a command must wait for the
    /// broker: then it returns that command's task, and the caller awaits it and calls again with the rest.
    /// </summary>
    private Task? Process(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var sessionEvent = _session.Process(ref buffer, _sessionOutput, out var frame);
            if (sessionEvent == SessionEvent.Closed && _connection is not null)
            {
                return ReleaseThenReplyAsync();
            }

            if (sessionEvent == SessionEvent.Opened)
            {
                // connection.open-ok stays in the session output until the broker took the connection, so a client
                // asking for a missing virtual host is refused instead of opened and then closed.
                return OpenAsync(_session.Negotiated!);
            }

            FlushSessionOutput();
            switch (sessionEvent)
            {
                case SessionEvent.ChannelFrame:
                    if (OnChannelFrame(frame) is { } pending)
                    {
                        return pending;
                    }

                    break;
                default:
                    return null;
            }
        }
    }

    // A client that closed its connection may look at the broker right after close-ok: its exclusive queues
    // must be gone and its unacked deliveries back by then.
    private async Task ReleaseThenReplyAsync()
    {
        await ReleaseBrokerSideAsync().ConfigureAwait(false);
        FlushSessionOutput();
    }

    private async Task OpenAsync(NegotiatedConnection negotiated)
    {
        // Written before any delivery can be queued, and the writer reads it only for content frames.
        _outbound.FrameMax = negotiated.FrameMax;
        if (_options.Admission?.Admit(negotiated.UserName, negotiated.VirtualHost) is { } refusal)
        {
            RefuseOpen(new AmqpProtocolException(ReplyCode.NotAllowed, refusal));
            return;
        }

        try
        {
            _connection = await _broker.ConnectAsync(negotiated.VirtualHost).ConfigureAwait(false);
        }
        catch (BrokerException e) when (e.Code == BrokerErrorCode.NotFound)
        {
            _options.Admission?.Release(negotiated.UserName, negotiated.VirtualHost);
            RefuseOpen(new AmqpProtocolException(ReplyCode.NotAllowed, $"vhost '{negotiated.VirtualHost}' not found"));
            return;
        }
#pragma warning disable CA1031 // The broker could not take the connection: the client is told so, the node goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _options.Admission?.Release(negotiated.UserName, negotiated.VirtualHost);
            RefuseOpen(AmqpErrors.Translate(e));
            return;
        }

        AmqpMetrics.ConnectionOpened();
        _blocking = new PublisherBlocking(
            _options.PublishGate ?? new PublishGate(), _outbound, negotiated.ClientHasCapability("connection.blocked"), _shuttingDown.Task);
        _guard = new ResourceGuard(_authenticator, negotiated.UserName, negotiated.VirtualHost);
        // Listed before open-ok goes out: a client that has its connection open finds it in the management API.
        Register(_connection, negotiated);
        FlushSessionOutput();
        StartHeartbeats(negotiated.Heartbeat);
    }

    private Task? OnChannelFrame(in Frame frame)
    {
        if (!_channels.TryGetValue(frame.Channel, out var channel))
        {
            if (IsMethod(frame, AmqpMethodId.ChannelOpen))
            {
                return GuardAsync(null, OpenChannelAsync(frame.Channel));
            }

            FailConnection(new AmqpProtocolException(ReplyCode.ChannelError, string.Create(CultureInfo.InvariantCulture,
                $"{frame.Type} frame on channel {frame.Channel}, which is not open (expected 'channel.open')")));
            return null;
        }

        try
        {
            var pending = channel.Handle(frame);
            if (pending is not null)
            {
                return GuardAsync(channel, pending);
            }

            ForgetIfFinished(channel);
        }
#pragma warning disable CA1031 // Whatever a command throws becomes a channel or connection close; the reader goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(channel, e);
        }

        return null;
    }

    private async Task GuardAsync(AmqpChannel? channel, Task pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
            if (channel is not null)
            {
                ForgetIfFinished(channel);
            }
        }
#pragma warning disable CA1031 // As above: a failed command closes its channel or the connection, never the node.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(channel, e);
        }
    }

    private async Task OpenChannelAsync(ushort number)
    {
        var brokerChannel = await _connection!.CreateChannelAsync().ConfigureAwait(false);
        var notifyCancel = _session.Negotiated!.ClientHasCapability("consumer_cancel_notify");
        _channels[number] = new AmqpChannel(number, brokerChannel, _outbound, _options.MaxMessageSize, notifyCancel, _blocking!, _guard!);
        PublishChannels();
        AmqpMetrics.ChannelOpened();
        _outbound.PostMethod(number, new ChannelOpenOk());
    }

    private void ForgetIfFinished(AmqpChannel channel)
    {
        if (channel.IsFinished && _channels.TryRemove(channel.Number, out _))
        {
            PublishChannels();
            AmqpMetrics.ChannelClosed();
        }
    }

    private void Fail(AmqpChannel? channel, Exception error)
    {
        var translated = AmqpErrors.Translate(error);
        if (channel is not null && AmqpErrors.ClosesChannelOnly(translated))
        {
            channel.Fail(translated);
        }
        else
        {
            FailConnection(translated);
        }
    }

    private void FailConnection(AmqpProtocolException error)
    {
        _session.Close(_sessionOutput, error.ReplyCode, error.Message);
        FlushSessionOutput();
    }

    // The held connection.open-ok is dropped: the client gets connection.close as the answer to its connection.open.
    private void RefuseOpen(AmqpProtocolException error)
    {
        _sessionOutput.ResetWrittenCount();
        FailConnection(error);
    }

    private void FlushSessionOutput()
    {
        if (_sessionOutput.WrittenCount > 0)
        {
            _outbound.PostEncoded(_sessionOutput.WrittenSpan);
            _sessionOutput.ResetWrittenCount();
        }
    }

    private static bool IsMethod(in Frame frame, AmqpMethodId id)
    {
        if (frame.Type != FrameType.Method || frame.Payload.Length < AmqpMethods.IdSize)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[AmqpMethods.IdSize];
        frame.Payload.Slice(0, AmqpMethods.IdSize).CopyTo(prefix);
        return AmqpMethods.ReadId(prefix) == id;
    }
}
