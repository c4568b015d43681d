using System.Buffers;

namespace ActorBroker.Amqp.Framing;

/// <summary>What a server makes of the eight octets a client opens the connection with.</summary>
public enum ProtocolHeaderCheck
{
    /// <summary><c>AMQP 0 0 9 1</c>: go on with connection.start.</summary>
    Supported,

    /// <summary>
    /// Not AMQP 0-9-1 (another AMQP version, or another protocol): the server must answer with
    /// <see cref="ProtocolHeader.Bytes"/> and close the socket (AMQP 0-9-1 §4.2.2).
    /// </summary>
    Rejected,
}

/// <summary>The protocol header <c>"AMQP" 0 0 9 1</c> that opens every AMQP 0-9-1 connection.</summary>
public static class ProtocolHeader
{
    public const int Length = 8;

    /// <summary>The header this server speaks; also the answer to a rejected header.</summary>
    public static ReadOnlySpan<byte> Bytes => [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 0, AmqpConstants.MajorVersion, AmqpConstants.MinorVersion, AmqpConstants.Revision];

    /// <summary>Checks a complete eight-octet header.</summary>
    public static ProtocolHeaderCheck Check(ReadOnlySpan<byte> header) =>
        header.Length == Length && header.SequenceEqual(Bytes) ? ProtocolHeaderCheck.Supported : ProtocolHeaderCheck.Rejected;

    /// <summary>
    /// Reads the header from the front of <paramref name="buffer"/>. Returns false while fewer than eight
    /// octets have arrived and they still match; a mismatch is reported as soon as it is visible, so a
    /// stray HTTP request is answered at once.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ProtocolHeaderCheck result)
    {
        Span<byte> received = stackalloc byte[Length];
        var count = (int)Math.Min(buffer.Length, Length);
        buffer.Slice(0, count).CopyTo(received);
        if (!received[..count].SequenceEqual(Bytes[..count]))
        {
            result = ProtocolHeaderCheck.Rejected;
            return true;
        }

        if (count < Length)
        {
            result = default;
            return false;
        }

        result = ProtocolHeaderCheck.Supported;
        buffer = buffer.Slice(Length);
        return true;
    }
}
