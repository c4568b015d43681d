using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.Delayed;

/// <summary>
/// What a delayed exchange holds as of a sequence number: each held message's id (the sequence number of its
/// <see cref="DelayedRecord.Held"/> record, which stays in the journal and holds the body) and due time.
/// </summary>
internal sealed record DelayedSnapshot(IReadOnlyList<(long Id, DateTimeOffset Due)> Held)
{
    public const string Manifest = "exchange.delayed.snapshot.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Int32(Held.Count);
        foreach (var (id, due) in Held)
        {
            writer.Int64(id);
            writer.Time(due);
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static DelayedSnapshot Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown delayed exchange snapshot manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        var count = reader.Int32();
        if (count < 0 || count > payload.Length / 16)
        {
            throw new InvalidDataException($"A delayed exchange snapshot claims {count} messages in {payload.Length} bytes.");
        }

        var held = new (long, DateTimeOffset)[count];
        for (var i = 0; i < count; i++)
        {
            held[i] = (reader.Int64(), reader.Time());
        }

        return reader.AtEnd ? new DelayedSnapshot(held) : throw new InvalidDataException("A delayed exchange snapshot has trailing bytes.");
    }
}
