using System.Buffers.Binary;
using System.Globalization;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// A content header frame payload: class id, weight (always 0), body size, then the property flags and
/// properties. The properties stay encoded until asked for, so a broker can store and forward them as bytes.
/// </summary>
public readonly ref struct ContentHeader
{
    /// <summary>Class id, weight and body size: the bytes before the property flags.</summary>
    public const int PrefixSize = 12;

    private ContentHeader(ushort classId, ulong bodySize, ReadOnlySpan<byte> encodedProperties)
    {
        ClassId = classId;
        BodySize = bodySize;
        EncodedProperties = encodedProperties;
    }

    public ushort ClassId { get; }

    public ulong BodySize { get; }

    /// <summary>The property flags and property values exactly as they arrived.</summary>
    public ReadOnlySpan<byte> EncodedProperties { get; }

    /// <exception cref="AmqpProtocolException">The payload is shorter than a content header (501).</exception>
    public static ContentHeader Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < PrefixSize + 2)
        {
            throw AmqpProtocolException.Frame(string.Create(
                CultureInfo.InvariantCulture, $"content header payload of {payload.Length} bytes is shorter than the minimum {PrefixSize + 2}"));
        }

        return new ContentHeader(
            BinaryPrimitives.ReadUInt16BigEndian(payload),
            BinaryPrimitives.ReadUInt64BigEndian(payload[4..]),
            payload[PrefixSize..]);
    }

    /// <summary>Decodes the properties of a class basic content header.</summary>
    /// <exception cref="AmqpProtocolException">Malformed properties (501, 502).</exception>
    public BasicProperties ReadBasicProperties() => BasicProperties.Read(EncodedProperties);
}
