using System.Buffers;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Tests.Support;

/// <summary>Encodes frames with the production writer and reads them back, for tests.</summary>
internal static class FrameBytes
{
    public const uint FrameMax = 4096;

    public static byte[] Method<TMethod>(ushort channel, TMethod method)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteMethod(output, channel, method);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Content<TMethod>(ushort channel, TMethod method, BasicProperties? properties, byte[] body, uint frameMax = FrameMax)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteContent(output, channel, method, properties, body, frameMax);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads every complete frame; the payloads are copied so they outlive the input.</summary>
    public static List<(FrameType Type, ushort Channel, byte[] Payload)> ReadAll(ReadOnlySequence<byte> input, uint frameMax = FrameMax)
    {
        var frames = new List<(FrameType, ushort, byte[])>();
        while (FrameReader.TryReadFrame(ref input, frameMax, out var frame))
        {
            frames.Add((frame.Type, frame.Channel, frame.Payload.ToArray()));
        }

        return frames;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
