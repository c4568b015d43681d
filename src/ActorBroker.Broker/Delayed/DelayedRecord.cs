using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Delayed;

/// <summary>
/// A change of a delayed exchange's held messages, as its journal stores it. A held message is known by the
/// sequence number of its <see cref="Held"/> record, which is also its publish order.
/// </summary>
internal abstract record DelayedRecord
{
    public const string Manifest = "exchange.delayed.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        switch (this)
        {
            case Held held:
                writer.Byte(1);
                writer.Time(held.Due);
                writer.Message(held.Message);
                break;
            case Released released:
                writer.Byte(2);
                writer.Int64(released.Id);
                break;
            case Discarded:
                writer.Byte(3);
                break;
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static DelayedRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown delayed exchange journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        DelayedRecord record = reader.Byte() switch
        {
            1 => new Held(reader.Time(), reader.Message()),
            2 => new Released(reader.Int64()),
            3 => new Discarded(),
            var kind => throw new InvalidDataException($"Unknown delayed exchange record kind {kind}."),
        };
        return reader.AtEnd ? record : throw new InvalidDataException("A delayed exchange record has trailing bytes.");
    }

    /// <summary>A message published with a delay, held until <paramref name="Due"/>.</summary>
    public sealed record Held(DateTimeOffset Due, Message Message) : DelayedRecord;

    /// <summary>The held message <paramref name="Id"/> was routed (every queue it reached confirmed it).</summary>
    public sealed record Released(long Id) : DelayedRecord;

    /// <summary>The exchange was deleted: every message held before this record is gone.</summary>
    public sealed record Discarded : DelayedRecord;
}
