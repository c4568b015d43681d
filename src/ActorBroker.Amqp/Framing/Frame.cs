using System.Buffers;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// One frame as read by <see cref="FrameReader"/>. The payload is a slice of the reader's buffer, not a copy:
/// it is valid until the caller advances the pipe past it.
/// </summary>
public readonly struct Frame
{
    public Frame(FrameType type, ushort channel, ReadOnlySequence<byte> payload)
    {
        Type = type;
        Channel = channel;
        Payload = payload;
    }

    public FrameType Type { get; }

    public ushort Channel { get; }

    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>
    /// The payload as one span: the buffer itself when the payload lies in one segment, otherwise a copy
    /// in <paramref name="scratch"/> (size it to the negotiated frame-max).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="scratch"/> is smaller than a multi-segment payload.</exception>
    public ReadOnlySpan<byte> GetPayloadSpan(Span<byte> scratch)
    {
        if (Payload.IsSingleSegment)
        {
            return Payload.FirstSpan;
        }

        if (Payload.Length > scratch.Length)
        {
            throw new ArgumentException($"scratch of {scratch.Length} bytes cannot hold a payload of {Payload.Length}", nameof(scratch));
        }

        Payload.CopyTo(scratch);
        return scratch[..(int)Payload.Length];
    }

    public override string ToString() => $"{Type} frame on channel {Channel}, {Payload.Length} bytes";
}
