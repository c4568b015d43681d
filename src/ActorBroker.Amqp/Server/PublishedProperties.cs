using ActorBroker.Amqp.Framing;
using BrokerProperties = ActorBroker.Broker.Messages.BasicProperties;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// The broker's properties of the last content properties a channel was published with, kept with their encoded
/// bytes. A publisher mostly sends the same properties with every message (a delivery mode, a content type): those
/// are then read and converted once, not into two new objects per message, and every message shares one immutable
/// properties object, which also lets a consumer's connection reuse its encoding of them. Properties that change
/// with each message (a message id, a timestamp) only cost the comparison and a copy of their bytes. One per
/// channel, used by its connection's read loop only.
/// </summary>
internal sealed class PublishedProperties
{
    // Longer encodings (big header tables) are converted every time rather than kept.
    private const int MaxKeptBytes = 256;

    private readonly byte[] _encoded = new byte[MaxKeptBytes];
    private int _length = -1;
    private BrokerProperties _properties = BrokerProperties.Empty;

    /// <summary>The broker's properties of <paramref name="encoded"/> (property flags and values as they arrived).</summary>
    /// <exception cref="AmqpProtocolException">The properties are malformed.</exception>
    public BrokerProperties Of(ReadOnlySpan<byte> encoded)
    {
        if (_length >= 0 && encoded.SequenceEqual(_encoded.AsSpan(0, _length)))
        {
            return _properties;
        }

        var properties = MessageConversion.ToBroker(BasicProperties.Read(encoded));
        if (encoded.Length <= MaxKeptBytes)
        {
            encoded.CopyTo(_encoded);
            _length = encoded.Length;
            _properties = properties;
        }

        return properties;
    }
}
