using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Deduplication;

/// <summary>The window of an <c>x-message-deduplication</c> exchange as of a sequence number: each id and when it was first seen, oldest first.</summary>
internal sealed record DeduplicationSnapshot(IReadOnlyList<(string Key, DateTimeOffset SeenAt)> Entries)
{
    public const string Manifest = "exchange.deduplication.snapshot.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Int32(Entries.Count);
        foreach (var (key, seenAt) in Entries)
        {
            writer.String(key);
            writer.Time(seenAt);
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static DeduplicationSnapshot Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown deduplication exchange snapshot manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        var count = reader.Int32();
        if (count < 0 || count > payload.Length / 9)
        {
            throw new InvalidDataException($"A deduplication exchange snapshot claims {count} ids in {payload.Length} bytes.");
        }

        var entries = new (string, DateTimeOffset)[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = (reader.String(), reader.Time());
        }

        return reader.AtEnd ? new DeduplicationSnapshot(entries) : throw new InvalidDataException("A deduplication exchange snapshot has trailing bytes.");
    }
}
