using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Deduplication;

/// <summary>A change of an <c>x-message-deduplication</c> exchange's window, as its journal stores it.</summary>
internal abstract record DeduplicationRecord
{
    public const string Manifest = "exchange.deduplication.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        switch (this)
        {
            case Seen seen:
                writer.Byte(1);
                writer.String(seen.Key);
                writer.Time(seen.SeenAt);
                break;
            case Discarded:
                writer.Byte(2);
                break;
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static DeduplicationRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown deduplication exchange journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        DeduplicationRecord record = reader.Byte() switch
        {
            1 => new Seen(reader.String(), reader.Time()),
            2 => new Discarded(),
            var kind => throw new InvalidDataException($"Unknown deduplication exchange record kind {kind}."),
        };
        return reader.AtEnd ? record : throw new InvalidDataException("A deduplication exchange record has trailing bytes.");
    }

    /// <summary>A message with this id reached every queue it was routed to at <paramref name="SeenAt"/>.</summary>
    public sealed record Seen(string Key, DateTimeOffset SeenAt) : DeduplicationRecord;

    /// <summary>The exchange was deleted: every id seen before this record is forgotten.</summary>
    public sealed record Discarded : DeduplicationRecord;
}
