using System.Buffers;
using System.Globalization;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Commands;

/// <summary>
/// Turns the frames of one channel into commands: a method frame alone, or a content-bearing method followed
/// by its content header and body frames (AMQP 0-9-1 §4.2.6). Frames out of that order are refused with
/// unexpected-frame (505). Pure: no I/O, no clock, one instance per channel, not thread-safe.
/// </summary>
public sealed class CommandAssembler
{
    /// <summary>RabbitMQ's default <c>max_message_size</c>: 128 MiB.</summary>
    public const ulong DefaultMaxBodySize = 128UL * 1024 * 1024;

    private readonly ulong _maxBodySize;
    private byte[] _methodBuffer = [];
    private byte[] _headerBuffer = [];
    private int _methodLength;
    private int _headerLength;
    private AmqpMethodId _methodId;
    private State _state;
    private ulong _bodySize;
    private byte[] _body = [];
    private int _bodyReceived;

    public CommandAssembler(ulong maxBodySize = DefaultMaxBodySize)
    {
        if (maxBodySize > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBodySize), maxBodySize, "bodies are held in one array, so at most 2 GiB - 1");
        }

        _maxBodySize = maxBodySize;
    }

    private enum State
    {
        Idle,
        ExpectingHeader,
        ExpectingBody,
    }

    /// <summary>True when no content is half-assembled.</summary>
    public bool IsIdle => _state == State.Idle;

    /// <summary>Adds a method, header or body frame; returns true with the command once it is complete.</summary>
    /// <exception cref="AmqpProtocolException">
    /// A frame out of order (505), a malformed payload (501), more body bytes than announced (501), or a body above the maximum (406).
    /// </exception>
    /// <exception cref="ArgumentException">A heartbeat frame, which belongs to the connection.</exception>
    public bool TryAssemble(in Frame frame, out AssembledCommand command)
    {
        command = default;
        switch (frame.Type)
        {
            case FrameType.Method:
                return OnMethod(frame, out command);
            case FrameType.Header:
                return OnHeader(frame, out command);
            case FrameType.Body:
                return OnBody(frame, out command);
            default:
                throw new ArgumentException($"{frame.Type} frames belong to the connection, not to a channel's command assembler", nameof(frame));
        }
    }

    private bool OnMethod(in Frame frame, out AssembledCommand command)
    {
        command = default;
        if (_state != State.Idle)
        {
            throw Unexpected(frame, "method");
        }

        var payload = Contiguous(frame.Payload, ref _methodBuffer);
        var id = AmqpMethods.ReadId(payload);
        if (!AmqpMethods.HasContent(id))
        {
            command = new AssembledCommand(id, payload[AmqpMethods.IdSize..]);
            return true;
        }

        // The header and body arrive in later frames, after the pipe has reused this frame's memory.
        Copy(frame.Payload, ref _methodBuffer, out _methodLength);
        _methodId = id;
        _state = State.ExpectingHeader;
        return false;
    }

    private bool OnHeader(in Frame frame, out AssembledCommand command)
    {
        command = default;
        if (_state != State.ExpectingHeader)
        {
            throw Unexpected(frame, "content header");
        }

        var header = ContentHeader.Read(Copy(frame.Payload, ref _headerBuffer, out _headerLength));
        var classId = AmqpMethods.ClassIdOf(_methodId);
        if (header.ClassId != classId)
        {
            throw AmqpProtocolException.UnexpectedFrame(string.Create(CultureInfo.InvariantCulture,
                $"content header for class {header.ClassId} follows {AmqpMethods.Describe(_methodId)} on channel {frame.Channel}"));
        }

        if (header.BodySize > _maxBodySize)
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, string.Create(CultureInfo.InvariantCulture,
                $"message size {header.BodySize} is larger than configured max size {_maxBodySize}"));
        }

        _bodySize = header.BodySize;
        _bodyReceived = 0;
        _body = [];
        _state = State.ExpectingBody;
        return _bodySize == 0 && Complete(out command);
    }

    private bool OnBody(in Frame frame, out AssembledCommand command)
    {
        command = default;
        if (_state != State.ExpectingBody)
        {
            throw Unexpected(frame, "content body");
        }

        var length = frame.Payload.Length;
        if ((ulong)_bodyReceived + (ulong)length > _bodySize)
        {
            throw AmqpProtocolException.Frame(string.Create(CultureInfo.InvariantCulture,
                $"body frames on channel {frame.Channel} carry {(ulong)_bodyReceived + (ulong)length} bytes, more than the header's body-size {_bodySize}"));
        }

        var needed = _bodyReceived + (int)length;
        if (needed > _body.Length)
        {
            // The body array grows with the bytes that arrive (a one-frame body gets its exact size at once), never
            // with the announced body-size: a header frame alone allocates nothing, so a peer cannot make the broker
            // hold memory per channel it opens without sending the bytes (an input the AMQP fuzz target's budget flags).
            Array.Resize(ref _body, (int)Math.Min(_bodySize, Math.Max((ulong)_body.Length * 2, (ulong)needed)));
        }

        frame.Payload.CopyTo(_body.AsSpan(_bodyReceived));
        _bodyReceived = needed;
        return (ulong)_bodyReceived == _bodySize && Complete(out command);
    }

    private bool Complete(out AssembledCommand command)
    {
        var methodPayload = _methodBuffer.AsSpan(0, _methodLength);
        command = new AssembledCommand(
            _methodId,
            methodPayload[AmqpMethods.IdSize..],
            ContentHeader.Read(_headerBuffer.AsSpan(0, _headerLength)),
            _body);
        _body = [];
        _state = State.Idle;
        return true;
    }

    private AmqpProtocolException Unexpected(in Frame frame, string what)
    {
        var expected = _state switch
        {
            State.Idle => "a method frame",
            State.ExpectingHeader => $"the content header of {AmqpMethods.Describe(_methodId)}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{_bodySize - (ulong)_bodyReceived} more body bytes of {AmqpMethods.Describe(_methodId)}"),
        };
        return AmqpProtocolException.UnexpectedFrame(string.Create(
            CultureInfo.InvariantCulture, $"{what} frame on channel {frame.Channel} while expecting {expected}"));
    }

    private static ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> payload, ref byte[] buffer) =>
        payload.IsSingleSegment ? payload.FirstSpan : Copy(payload, ref buffer, out _);

    private static ReadOnlySpan<byte> Copy(ReadOnlySequence<byte> payload, ref byte[] buffer, out int length)
    {
        length = (int)payload.Length;
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        payload.CopyTo(buffer);
        return buffer.AsSpan(0, length);
    }
}
