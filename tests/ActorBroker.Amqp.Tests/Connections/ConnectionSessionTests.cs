using System.Text;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Connections;

public class ConnectionSessionTests
{
    [Fact]
    public void Handshake_step_by_step_opens_the_connection_with_negotiated_limits()
    {
        var harness = new SessionHarness();

        Assert.Equal([SessionEvent.NeedMoreInput], harness.Feed(ProtocolHeader.Bytes.ToArray()));
        var (startId, startArgs) = Assert.Single(harness.TakeMethods());
        Assert.Equal(AmqpMethodId.ConnectionStart, startId);
        var start = ConnectionStart.Read(startArgs);
        Assert.Equal((0, 9), (start.VersionMajor, start.VersionMinor));
        Assert.Equal("PLAIN AMQPLAIN", Encoding.UTF8.GetString(start.Mechanisms.Span));

        harness.Feed(SessionHarness.StartOk());
        var tune = ConnectionTune.Read(Assert.Single(harness.TakeMethods()).Arguments);
        Assert.Equal((2047, 131_072u, 60), (tune.ChannelMax, tune.FrameMax, tune.Heartbeat));

        harness.Feed(SessionHarness.TuneOk(channelMax: 100, frameMax: 65_536, heartbeat: 10));
        Assert.Empty(harness.TakeOutput());

        Assert.Equal([SessionEvent.Opened, SessionEvent.NeedMoreInput], harness.Feed(SessionHarness.Open()));
        Assert.Equal(AmqpMethodId.ConnectionOpenOk, Assert.Single(harness.TakeMethods()).Id);
        Assert.Equal(ConnectionState.Open, harness.Session.State);
        Assert.Equal(new NegotiatedConnection("guest", "/", 100, 65_536, 10, harness.Session.Negotiated!.ClientProperties), harness.Session.Negotiated);
        Assert.True(harness.Session.Negotiated.ClientHasCapability("authentication_failure_close"));
        Assert.Equal(65_536u, harness.Session.FrameMax);
    }

    [Fact]
    public void Server_properties_advertise_the_capabilities_RabbitMQ_clients_look_for()
    {
        var harness = new SessionHarness();
        harness.Feed(ProtocolHeader.Bytes.ToArray());

        var properties = ConnectionStart.Read(harness.TakeMethods()[0].Arguments).ServerProperties!;

        var capabilities = properties["capabilities"].AsTable();
        foreach (var name in new[]
        {
            "publisher_confirms", "exchange_exchange_bindings", "basic.nack", "consumer_cancel_notify", "connection.blocked",
            "consumer_priorities", "authentication_failure_close", "per_consumer_qos", "direct_reply_to",
        })
        {
            Assert.True(capabilities[name].AsBoolean(), name);
        }

        Assert.Equal("ActorBroker", properties["product"].AsString());
    }

    [Fact]
    public void Whole_handshake_in_one_read_opens_and_leaves_nothing_unconsumed()
    {
        var harness = new SessionHarness();

        Assert.Equal([SessionEvent.Opened, SessionEvent.NeedMoreInput], harness.Feed(SessionHarness.Handshake()));

        Assert.Equal(
            [AmqpMethodId.ConnectionStart, AmqpMethodId.ConnectionTune, AmqpMethodId.ConnectionOpenOk],
            harness.TakeMethods().Select(m => m.Id));
    }

    [Fact]
    public void Handshake_fed_one_byte_at_a_time_opens_the_same_way()
    {
        var harness = new SessionHarness();
        var events = new List<SessionEvent>();

        foreach (var b in SessionHarness.Handshake())
        {
            events.AddRange(harness.Feed([b]));
        }

        Assert.Single(events, SessionEvent.Opened);
        Assert.Equal(ConnectionState.Open, harness.Session.State);
    }

    [Fact]
    public void Wrong_protocol_header_is_answered_with_the_right_one_and_closed()
    {
        var harness = new SessionHarness();

        Assert.Equal([SessionEvent.Closed], harness.Feed(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n")));

        Assert.Equal(ProtocolHeader.Bytes.ToArray(), harness.TakeOutput());
        Assert.Equal(ConnectionState.Closed, harness.Session.State);
    }

    [Fact]
    public void Amqplain_credentials_are_accepted()
    {
        var harness = new SessionHarness();
        var response = new byte[AmqpWriter.SizeOfTable(AmqPlainTable())];
        new AmqpWriter(response).WriteTable(AmqPlainTable());
        var startOk = FrameBytes.Method(0, new ConnectionStartOk { Mechanism = "AMQPLAIN", Response = response.AsMemory(4) });

        harness.Feed([.. ProtocolHeader.Bytes, .. startOk]);

        Assert.Equal(AmqpMethodId.ConnectionTune, harness.TakeMethods()[^1].Id);
    }

    [Fact]
    public void Wrong_password_is_refused_with_access_refused_when_the_client_understands_it()
    {
        var harness = new SessionHarness();

        harness.Feed([.. ProtocolHeader.Bytes, .. SessionHarness.StartOk(password: "wrong")]);

        var close = ConnectionClose.Read(harness.TakeMethods()[^1].Arguments);
        Assert.Equal((ushort)ReplyCode.AccessRefused, close.ReplyCode);
        Assert.StartsWith("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN", close.ReplyText, StringComparison.Ordinal);
        Assert.Equal((ConnectionStartOk.ClassId, ConnectionStartOk.MethodId), (close.FailingClassId, close.FailingMethodId));
        Assert.Equal(ConnectionState.Closing, harness.Session.State);
    }

    [Fact]
    public void Wrong_password_just_closes_when_the_client_lacks_authentication_failure_close()
    {
        var harness = new SessionHarness();

        var events = harness.Feed([.. ProtocolHeader.Bytes, .. SessionHarness.StartOk(password: "wrong", failureClose: false)]);

        Assert.Equal(SessionEvent.Closed, events[^1]);
        Assert.Equal([AmqpMethodId.ConnectionStart], harness.TakeMethods().Select(m => m.Id));
    }

    [Fact]
    public void Unknown_mechanism_is_command_invalid()
    {
        var harness = new SessionHarness();
        var startOk = FrameBytes.Method(0, new ConnectionStartOk { Mechanism = "EXTERNAL" });

        harness.Feed([.. ProtocolHeader.Bytes, .. startOk]);

        Assert.Equal((ushort)ReplyCode.CommandInvalid, ConnectionClose.Read(harness.TakeMethods()[^1].Arguments).ReplyCode);
    }

    [Theory]
    [InlineData(4096u, true)]
    [InlineData(4095u, false)]
    [InlineData(131_073u, false)]
    [InlineData(0u, true)]
    public void Frame_max_of_4096_or_more_up_to_the_server_limit_is_accepted(uint frameMax, bool accepted)
    {
        var harness = new SessionHarness();

        harness.Feed([.. ProtocolHeader.Bytes, .. SessionHarness.StartOk(), .. SessionHarness.TuneOk(frameMax: frameMax), .. SessionHarness.Open()]);

        var last = harness.TakeMethods()[^1];
        if (accepted)
        {
            Assert.Equal(AmqpMethodId.ConnectionOpenOk, last.Id);
            Assert.Equal(frameMax == 0 ? 131_072u : frameMax, harness.Session.Negotiated!.FrameMax);
        }
        else
        {
            var close = ConnectionClose.Read(last.Arguments);
            Assert.Equal((ushort)ReplyCode.NotAllowed, close.ReplyCode);
            Assert.Contains($"frame_max={frameMax}", close.ReplyText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Channel_max_above_the_server_limit_is_not_allowed()
    {
        var harness = new SessionHarness();

        harness.Feed([.. ProtocolHeader.Bytes, .. SessionHarness.StartOk(), .. SessionHarness.TuneOk(channelMax: 3000)]);

        Assert.Equal((ushort)ReplyCode.NotAllowed, ConnectionClose.Read(harness.TakeMethods()[^1].Arguments).ReplyCode);
    }

    [Fact]
    public void Refused_virtual_host_closes_with_not_allowed_naming_it()
    {
        var harness = new SessionHarness();

        harness.Feed([.. ProtocolHeader.Bytes, .. SessionHarness.StartOk(), .. SessionHarness.TuneOk(), .. SessionHarness.Open("/secret")]);

        var close = ConnectionClose.Read(harness.TakeMethods()[^1].Arguments);
        Assert.Equal((ushort)ReplyCode.NotAllowed, close.ReplyCode);
        Assert.Equal("NOT_ALLOWED - access to vhost '/secret' refused for user 'guest'", close.ReplyText);
        Assert.Null(harness.Session.Negotiated);
    }

    [Fact]
    public void Channel_frames_after_open_go_to_the_caller_and_heartbeats_are_absorbed()
    {
        var harness = new SessionHarness();
        harness.Feed(SessionHarness.Handshake());

        var events = harness.Feed([.. FrameBytes.Hex("08 0000 00000000 CE"), .. FrameBytes.Method(5, new ChannelOpen())]);

        Assert.Equal([SessionEvent.ChannelFrame, SessionEvent.NeedMoreInput], events);
        var (channel, payload) = Assert.Single(harness.ChannelFrames);
        Assert.Equal(5, channel);
        Assert.Equal(AmqpMethodId.ChannelOpen, AmqpMethods.ReadId(payload));
    }

    [Fact]
    public void Channel_above_channel_max_is_a_channel_error()
    {
        var harness = new SessionHarness();
        harness.Feed([.. ProtocolHeader.Bytes, .. SessionHarness.StartOk(), .. SessionHarness.TuneOk(channelMax: 10), .. SessionHarness.Open()]);
        harness.TakeOutput();

        harness.Feed(FrameBytes.Method(11, new ChannelOpen()));

        var close = ConnectionClose.Read(Assert.Single(harness.TakeMethods()).Arguments);
        Assert.Equal((ushort)ReplyCode.ChannelError, close.ReplyCode);
        Assert.Empty(harness.ChannelFrames);
    }

    [Fact]
    public void Channel_frame_before_open_is_a_channel_error()
    {
        var harness = new SessionHarness();

        harness.Feed([.. ProtocolHeader.Bytes, .. FrameBytes.Method(1, new ChannelOpen())]);

        Assert.Equal((ushort)ReplyCode.ChannelError, ConnectionClose.Read(harness.TakeMethods()[^1].Arguments).ReplyCode);
    }

    [Fact]
    public void Client_close_is_answered_with_close_ok()
    {
        var harness = new SessionHarness();
        harness.Feed(SessionHarness.Handshake());
        harness.TakeOutput();

        var events = harness.Feed(FrameBytes.Method(0, new ConnectionClose { ReplyCode = 200, ReplyText = "bye" }));

        Assert.Equal([SessionEvent.Closed], events);
        Assert.Equal(AmqpMethodId.ConnectionCloseOk, Assert.Single(harness.TakeMethods()).Id);
    }

    [Fact]
    public void Server_close_discards_channel_frames_until_close_ok()
    {
        var harness = new SessionHarness();
        harness.Feed(SessionHarness.Handshake());
        harness.TakeOutput();

        harness.Session.Close(new System.Buffers.ArrayBufferWriter<byte>(), ReplyCode.ConnectionForced, "broker shutting down");
        var events = harness.Feed([.. FrameBytes.Method(1, new BasicAck()), .. FrameBytes.Method(0, default(ConnectionCloseOk))]);

        Assert.Equal([SessionEvent.Closed], events);
        Assert.Empty(harness.ChannelFrames);
    }

    [Fact]
    public void Broken_frame_closes_with_frame_error_at_once()
    {
        var harness = new SessionHarness();
        harness.Feed(SessionHarness.Handshake());
        harness.TakeOutput();
        var broken = FrameBytes.Method(1, new BasicAck());
        broken[^1] = 0;

        var events = harness.Feed(broken);

        Assert.Equal([SessionEvent.Closed], events);
        Assert.Equal((ushort)ReplyCode.FrameError, ConnectionClose.Read(Assert.Single(harness.TakeMethods()).Arguments).ReplyCode);
    }

    [Fact]
    public void Long_reply_text_is_cut_to_fit_a_short_string()
    {
        var text = ReplyText.Format(ReplyCode.NotFound, "no queue '" + new string('é', 300) + "'");

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 255);
        Assert.StartsWith("NOT_FOUND - no queue 'é", text, StringComparison.Ordinal);
    }

    private static FieldTable AmqPlainTable() => new()
    {
        { "LOGIN", FieldValue.Of("guest") },
        { "PASSWORD", FieldValue.Of("guest") },
    };
}
