using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// What a durable queue journals: only what must survive a restart. Channels, consumers and delivery tags
/// are sessions that die with the node, so they are not journaled. Every record is idempotent on replay
/// (an absolute delivery count, removal by sequence), which lets a snapshot include effects of writes
/// still in flight and lets a failed write's settlements be written again.
/// </summary>
internal abstract record QueueRecord
{
    public const string EnqueuedManifest = "queue.enqueued.v1";
    public const string DeliveredManifest = "queue.delivered.v1";
    public const string RemovedManifest = "queue.removed.v1";
    public const string SnapshotManifest = "queue.snapshot.v1";

    public abstract string Manifest { get; }

    public abstract byte[] Encode();

    /// <summary>Reads a journal row; throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static QueueRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        QueueRecord record = manifest switch
        {
            EnqueuedManifest => new Enqueued(reader.Int64(), reader.Time(), reader.Message()),
            DeliveredManifest => new Delivered(reader.Int64(), reader.Int32()),
            RemovedManifest => new Removed(ReadSequences(ref reader)),
            _ => throw new InvalidDataException($"Unknown queue journal manifest '{manifest}'."),
        };
        return reader.AtEnd ? record : throw new InvalidDataException($"A '{manifest}' record has trailing bytes.");
    }

    private static long[] ReadSequences(ref RecordReader reader)
    {
        var count = reader.Int32();
        if (count < 0)
        {
            throw new InvalidDataException($"A removal record lists {count} messages.");
        }

        var sequences = new long[count];
        for (var i = 0; i < count; i++)
        {
            sequences[i] = reader.Int64();
        }

        return sequences;
    }

    /// <summary>A persistent message joined the queue at <paramref name="Sequence"/>.</summary>
    public sealed record Enqueued(long Sequence, DateTimeOffset EnqueuedAt, Message Message) : QueueRecord
    {
        public override string Manifest => EnqueuedManifest;

        public override byte[] Encode()
        {
            var writer = RecordWriter.Rent();
            writer.Int64(Sequence);
            writer.Time(EnqueuedAt);
            writer.Message(Message);
            return writer.ToArray();
        }
    }

    /// <summary>The message was handed out for the <paramref name="DeliveryCount"/>-th time (redelivery flag after a restart).</summary>
    public sealed record Delivered(long Sequence, int DeliveryCount) : QueueRecord
    {
        public override string Manifest => DeliveredManifest;

        public override byte[] Encode()
        {
            var writer = RecordWriter.Rent();
            writer.Int64(Sequence);
            writer.Int32(DeliveryCount);
            return writer.ToArray();
        }
    }

    /// <summary>The messages left the queue for good: acked, dead-lettered, expired, dropped or purged.</summary>
    public sealed record Removed(long[] Sequences) : QueueRecord
    {
        public override string Manifest => RemovedManifest;

        public override byte[] Encode()
        {
            var writer = RecordWriter.Rent();
            writer.Int32(Sequences.Length);
            foreach (var sequence in Sequences)
            {
                writer.Int64(sequence);
            }

            return writer.ToArray();
        }
    }
}
