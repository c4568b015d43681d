using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// One message of a stream as its journal holds it: the message and when the stream took it. Its offset is its
/// journal sequence number less one, so it is not stored.
/// </summary>
internal sealed record StreamEntry(DateTimeOffset Timestamp, Message Message)
{
    public const string Manifest = "broker.stream.entry.v1";

    /// <summary>What the entry counts for retention: its body (as RabbitMQ counts message bytes, near enough).</summary>
    public long Size => Message.Body.Length;

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Time(Timestamp);
        writer.Message(Message);
        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">A payload that does not decode.</exception>
    public static StreamEntry Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        var entry = new StreamEntry(reader.Time(), reader.Message());
        return reader.AtEnd ? entry : throw new InvalidDataException("A stream entry has trailing bytes.");
    }
}
