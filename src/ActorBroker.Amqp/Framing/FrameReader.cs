using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace ActorBroker.Amqp.Framing;

/// <summary>Splits an incoming byte stream into frames, in the style of System.IO.Pipelines readers.</summary>
public static class FrameReader
{
    /// <summary>Type octet, channel (short) and payload size (long).</summary>
    public const int HeaderSize = 7;

    /// <summary>Header plus the frame-end octet: what a frame adds around its payload.</summary>
    public const int OverheadSize = HeaderSize + 1;

    /// <summary>
    /// Reads one frame from the front of <paramref name="buffer"/> and slices the buffer past it.
    /// Returns false, leaving the buffer as it was, when the frame is not complete yet.
    /// </summary>
    /// <param name="buffer">Unconsumed input; on success it starts after the frame.</param>
    /// <param name="frameMax">The negotiated frame-max including header and frame-end; 0 means no limit.</param>
    /// <param name="frame">The frame; its payload is a slice of the input, not a copy.</param>
    /// <exception cref="AmqpProtocolException">
    /// Frame error (501): unknown frame type, size above <paramref name="frameMax"/> (checked from the header,
    /// before the payload arrives), a missing frame-end octet, or a heartbeat off channel 0.
    /// </exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, uint frameMax, out Frame frame)
    {
        frame = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var type = (FrameType)header[0];
        var channel = BinaryPrimitives.ReadUInt16BigEndian(header[1..]);
        var size = BinaryPrimitives.ReadUInt32BigEndian(header[3..]);

        CheckHeader(type, channel, size, frameMax);
        if (buffer.Length < OverheadSize + (long)size)
        {
            return false;
        }

        var end = buffer.Slice(HeaderSize + size, 1).FirstSpan[0];
        if (end != AmqpConstants.FrameEnd)
        {
            throw AmqpProtocolException.Frame(string.Create(
                CultureInfo.InvariantCulture, $"{type} frame on channel {channel} ends with 0x{end:X2} instead of frame-end 0xCE"));
        }

        frame = new Frame(type, channel, buffer.Slice(HeaderSize, size));
        buffer = buffer.Slice(OverheadSize + size);
        return true;
    }

    private static void CheckHeader(FrameType type, ushort channel, uint size, uint frameMax)
    {
        if (type is not (FrameType.Method or FrameType.Header or FrameType.Body or FrameType.Heartbeat))
        {
            throw AmqpProtocolException.Frame(string.Create(CultureInfo.InvariantCulture, $"unknown frame type {(byte)type}"));
        }

        var limit = frameMax == 0 ? int.MaxValue - OverheadSize : frameMax - OverheadSize;
        if (size > limit)
        {
            throw AmqpProtocolException.Frame(string.Create(CultureInfo.InvariantCulture,
                $"{type} frame on channel {channel} has a payload of {size} bytes; frame-max {frameMax} allows {limit}"));
        }

        if (type == FrameType.Heartbeat && channel != 0)
        {
            throw AmqpProtocolException.Frame(string.Create(CultureInfo.InvariantCulture, $"heartbeat frame on channel {channel}; heartbeats belong to channel 0"));
        }
    }
}
