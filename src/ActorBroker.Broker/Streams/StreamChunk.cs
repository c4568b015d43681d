using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// One journal event of a stream: the messages it took from its mailbox at once, at consecutive offsets from
/// <paramref name="FirstOffset"/>, and when it wrote them (as RabbitMQ's osiris stamps a chunk, not each message).
/// One event per chunk rather than per message is what makes a stream as fast as a durable queue: Akka.Persistence's
/// per-event work (a <c>Persistent</c>, a handler, a <c>WriteMessageSuccess</c>) is paid once per chunk.
/// </summary>
internal sealed record StreamChunk(long FirstOffset, DateTimeOffset Timestamp, Message[] Messages)
{
    public const string Manifest = "broker.stream.chunk.v1";

    /// <summary>The offset after its last message.</summary>
    public long EndOffset => FirstOffset + Messages.Length;

    /// <summary>What the chunk counts for retention: its bodies (as RabbitMQ counts message bytes, near enough).</summary>
    public long Size { get; } = SizeOf(Messages);

    public static long SizeOf(ReadOnlySpan<Message> messages)
    {
        long size = 0;
        foreach (var message in messages)
        {
            size += message.Body.Length;
        }

        return size;
    }

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Int64(FirstOffset);
        writer.Time(Timestamp);
        writer.Int32(Messages.Length);
        foreach (var message in Messages)
        {
            writer.Message(message);
        }

        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">A payload that does not decode.</exception>
    public static StreamChunk Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        var (firstOffset, timestamp, count) = (reader.Int64(), reader.Time(), reader.Int32());
        // Each message takes more than a byte, so a count beyond the payload is a broken row, not a huge array.
        if (firstOffset < 0 || count <= 0 || count > payload.Length)
        {
            throw new InvalidDataException($"A stream chunk claims {count} messages from offset {firstOffset}.");
        }

        var messages = new Message[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = reader.Message();
        }

        return reader.AtEnd ? new StreamChunk(firstOffset, timestamp, messages) : throw new InvalidDataException("A stream chunk has trailing bytes.");
    }
}
