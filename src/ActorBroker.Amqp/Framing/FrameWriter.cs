using System.Buffers;
using System.Buffers.Binary;

namespace ActorBroker.Amqp.Framing;

/// <summary>Writes frames into an <see cref="IBufferWriter{T}"/>, such as a <c>PipeWriter</c>, without intermediate buffers.</summary>
public static class FrameWriter
{
    /// <summary>Writes a method frame: class and method ids, then the arguments.</summary>
    public static void WriteMethod<TMethod>(IBufferWriter<byte> output, ushort channel, in TMethod method)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        ArgumentNullException.ThrowIfNull(output);
        var payloadSize = AmqpMethods.IdSize + method.GetSize();
        var frame = Begin(output, FrameType.Method, channel, payloadSize);
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)TMethod.Id);
        method.WriteTo(frame[AmqpMethods.IdSize..]);
        End(output, frame, payloadSize);
    }

    /// <summary>Writes a content header frame for class basic; null properties means none are set.</summary>
    public static void WriteContentHeader(IBufferWriter<byte> output, ushort channel, ulong bodySize, BasicProperties? properties)
    {
        ArgumentNullException.ThrowIfNull(output);
        var propertiesSize = properties?.GetSize() ?? AmqpWriter.SizeOfPropertyFlags(0);
        var payloadSize = ContentHeader.PrefixSize + propertiesSize;
        var frame = Begin(output, FrameType.Header, channel, payloadSize);
        WriteHeaderPrefix(frame, BasicProperties.ClassId, bodySize);
        if (properties is null)
        {
            new AmqpWriter(frame[ContentHeader.PrefixSize..]).WritePropertyFlags(0);
        }
        else
        {
            properties.WriteTo(frame[ContentHeader.PrefixSize..]);
        }

        End(output, frame, payloadSize);
    }

    /// <summary>Writes a content header frame around properties that are already encoded (store and forward).</summary>
    public static void WriteContentHeader(IBufferWriter<byte> output, ushort channel, ushort classId, ulong bodySize, ReadOnlySpan<byte> encodedProperties)
    {
        ArgumentNullException.ThrowIfNull(output);
        var payloadSize = ContentHeader.PrefixSize + encodedProperties.Length;
        var frame = Begin(output, FrameType.Header, channel, payloadSize);
        WriteHeaderPrefix(frame, classId, bodySize);
        encodedProperties.CopyTo(frame[ContentHeader.PrefixSize..]);
        End(output, frame, payloadSize);
    }

    /// <summary>
    /// Writes the body as body frames of at most <paramref name="frameMax"/> bytes each (the negotiated
    /// frame-max, including the eight bytes of frame overhead; 0 means no limit). An empty body writes none.
    /// </summary>
    public static void WriteBody(IBufferWriter<byte> output, ushort channel, ReadOnlySpan<byte> body, uint frameMax)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (frameMax is > 0 and <= FrameReader.OverheadSize)
        {
            throw new ArgumentOutOfRangeException(nameof(frameMax), frameMax, "frame-max leaves no room for a body payload");
        }

        var chunkMax = frameMax == 0 ? int.MaxValue - FrameReader.OverheadSize : (int)Math.Min(frameMax - FrameReader.OverheadSize, int.MaxValue);
        while (!body.IsEmpty)
        {
            var chunk = body[..Math.Min(body.Length, chunkMax)];
            var frame = Begin(output, FrameType.Body, channel, chunk.Length);
            chunk.CopyTo(frame);
            End(output, frame, chunk.Length);
            body = body[chunk.Length..];
        }
    }

    /// <summary>Writes a whole message: the method frame, the content header and the body frames.</summary>
    public static void WriteContent<TMethod>(
        IBufferWriter<byte> output, ushort channel, in TMethod method, BasicProperties? properties, ReadOnlySpan<byte> body, uint frameMax)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        WriteMethod(output, channel, method);
        WriteContentHeader(output, channel, (ulong)body.Length, properties);
        WriteBody(output, channel, body, frameMax);
    }

    public static void WriteHeartbeat(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        End(output, Begin(output, FrameType.Heartbeat, 0, 0), 0);
    }

    // Returns the payload area of a frame whose header is already written; End writes the frame-end octet and commits.
    private static Span<byte> Begin(IBufferWriter<byte> output, FrameType type, ushort channel, int payloadSize)
    {
        var span = output.GetSpan(FrameReader.OverheadSize + payloadSize);
        span[0] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], channel);
        BinaryPrimitives.WriteUInt32BigEndian(span[3..], (uint)payloadSize);
        return span.Slice(FrameReader.HeaderSize, payloadSize + 1);
    }

    private static void End(IBufferWriter<byte> output, Span<byte> frame, int payloadSize)
    {
        frame[payloadSize] = AmqpConstants.FrameEnd;
        output.Advance(FrameReader.OverheadSize + payloadSize);
    }

    private static void WriteHeaderPrefix(Span<byte> payload, ushort classId, ulong bodySize)
    {
        BinaryPrimitives.WriteUInt16BigEndian(payload, classId);
        BinaryPrimitives.WriteUInt16BigEndian(payload[2..], 0);
        BinaryPrimitives.WriteUInt64BigEndian(payload[4..], bodySize);
    }
}
