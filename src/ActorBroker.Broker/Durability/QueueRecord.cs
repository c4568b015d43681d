using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// What a durable queue journals: only what must survive a restart. Channels, consumers and delivery tags
/// are sessions that die with the node, so they are not journaled. Every record is idempotent on replay
/// (an absolute delivery count, removal by sequence), which lets a snapshot include effects of writes
/// still in flight and lets a failed write's settlements be written again.
/// </summary>
internal abstract record QueueRecord
{
    private const byte EnqueuedKind = 1;
    private const byte DeliveredKind = 2;
    private const byte RemovedKind = 3;
    private const byte CrashedKind = 4;
    private const byte ParkedKind = 5;
    private const byte TransactionCommittedKind = 6;
    private const byte TransactionForwardedKind = 7;
    private const byte CrossQueueTransactionCommittedKind = 8;

    /// <summary>
    /// The records of one flush travel as one journal row: a busy queue gathers hundreds per flush, and one row
    /// instead of hundreds is what makes a commit cheap.
    /// </summary>
    public const string BatchManifest = "queue.records.v1";

    public static byte[] EncodeBatch(List<QueueRecord> records)
    {
        var writer = RecordWriter.Rent();
        writer.Int32(records.Count);
        foreach (var record in records)
        {
            record.WriteTo(writer);
        }

        return writer.ToArray();
    }

    /// <summary>Reads a journal row; throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static List<QueueRecord> DecodeBatch(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != BatchManifest)
        {
            throw new InvalidDataException($"Unknown queue journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        var count = reader.Int32();
        if (count < 0 || count > payload.Length)
        {
            throw new InvalidDataException($"A queue journal row claims {count} records in {payload.Length} bytes.");
        }

        var records = new List<QueueRecord>(count);
        for (var i = 0; i < count; i++)
        {
            records.Add(Read(ref reader));
        }

        return reader.AtEnd ? records : throw new InvalidDataException("A queue journal row has trailing bytes.");
    }

    protected abstract void WriteTo(RecordWriter writer);

    private static QueueRecord Read(ref RecordReader reader) => reader.Byte() switch
    {
        EnqueuedKind => new Enqueued(reader.Int64(), reader.Time(), reader.Message()),
        DeliveredKind => new Delivered(reader.Int64(), reader.Int32()),
        RemovedKind => new Removed(ReadSequences(ref reader)),
        CrashedKind => new Crashed(),
        ParkedKind => new Parked(reader.Int64(), reader.Time()),
        TransactionCommittedKind => new TransactionCommitted(reader.Int64(), ReadMessages(ref reader)),
        CrossQueueTransactionCommittedKind => new TransactionCommitted(reader.Int64(), ReadMessages(ref reader), ReadRemoteAcks(ref reader)),
        TransactionForwardedKind => new TransactionForwarded(reader.Int64()),
        var kind => throw new InvalidDataException($"Unknown queue record kind {kind}."),
    };

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

    private static RemoteAcks[] ReadRemoteAcks(ref RecordReader reader)
    {
        var count = reader.Int32();
        if (count < 0)
        {
            throw new InvalidDataException($"A transaction record lists {count} other queues.");
        }

        var acks = new RemoteAcks[count];
        for (var i = 0; i < count; i++)
        {
            acks[i] = new RemoteAcks(reader.String(), reader.OptionalString(), ReadSequences(ref reader));
        }

        return acks;
    }

    private static void WriteSequences(RecordWriter writer, long[] sequences)
    {
        writer.Int32(sequences.Length);
        foreach (var sequence in sequences)
        {
            writer.Int64(sequence);
        }
    }

    private static Message[] ReadMessages(ref RecordReader reader)
    {
        var count = reader.Int32();
        if (count < 0)
        {
            throw new InvalidDataException($"A transaction record lists {count} messages.");
        }

        var messages = new Message[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = reader.Message();
        }

        return messages;
    }

    /// <summary>A persistent message joined the queue at <paramref name="Sequence"/>.</summary>
    public sealed record Enqueued(long Sequence, DateTimeOffset EnqueuedAt, Message Message) : QueueRecord
    {
        protected override void WriteTo(RecordWriter writer)
        {
            writer.Byte(EnqueuedKind);
            writer.Int64(Sequence);
            writer.Time(EnqueuedAt);
            writer.Message(Message);
        }
    }

    /// <summary>The message was handed out for the <paramref name="DeliveryCount"/>-th time (redelivery flag after a restart).</summary>
    public sealed record Delivered(long Sequence, int DeliveryCount) : QueueRecord
    {
        protected override void WriteTo(RecordWriter writer)
        {
            writer.Byte(DeliveredKind);
            writer.Int64(Sequence);
            writer.Int32(DeliveryCount);
        }
    }

    /// <summary>The messages left the queue for good: acked, dead-lettered, expired, dropped or purged.</summary>
    public sealed record Removed(long[] Sequences) : QueueRecord
    {
        protected override void WriteTo(RecordWriter writer)
        {
            writer.Byte(RemovedKind);
            WriteSequences(writer, Sequences);
        }
    }

    /// <summary>
    /// The message was returned for a retry due at <paramref name="DueAt"/> (a nack with a delay): until then it is
    /// held back, also across a restart. A later record about the same message (a delivery, a newer park) supersedes it.
    /// </summary>
    public sealed record Parked(long Sequence, DateTimeOffset DueAt) : QueueRecord
    {
        protected override void WriteTo(RecordWriter writer)
        {
            writer.Byte(ParkedKind);
            writer.Int64(Sequence);
            writer.Time(DueAt);
        }
    }

    /// <summary>
    /// The node crashed: every message the queue held then may have been out for delivery with its Delivered
    /// record uncommitted, so each counts as delivered at least once (written once, at the recovery that found the crash).
    /// </summary>
    public sealed record Crashed : QueueRecord
    {
        protected override void WriteTo(RecordWriter writer) => writer.Byte(CrashedKind);
    }

    /// <summary>
    /// A transaction that acked deliveries of this queue committed: its acks here are the <see cref="Removed"/> records
    /// of the same write, its acks in other queues are <paramref name="RemoteAcks"/> (applied there once this record is
    /// durable, and again at recovery), and <paramref name="Outputs"/> are the messages it published, forwarded to
    /// their exchanges once this record is durable, and again at recovery until a <see cref="TransactionForwarded"/>
    /// follows. A transaction of one queue is written as before cross-queue commits existed (kind 6).
    /// </summary>
    public sealed record TransactionCommitted(long TransactionId, Message[] Outputs, RemoteAcks[] RemoteAcks) : QueueRecord
    {
        public TransactionCommitted(long transactionId, Message[] outputs)
            : this(transactionId, outputs, [])
        {
        }

        protected override void WriteTo(RecordWriter writer)
        {
            writer.Byte(RemoteAcks.Length == 0 ? TransactionCommittedKind : CrossQueueTransactionCommittedKind);
            writer.Int64(TransactionId);
            writer.Int32(Outputs.Length);
            foreach (var output in Outputs)
            {
                writer.Message(output);
            }

            if (RemoteAcks.Length == 0)
            {
                return;
            }

            writer.Int32(RemoteAcks.Length);
            foreach (var acks in RemoteAcks)
            {
                writer.String(acks.Queue);
                writer.OptionalString(acks.PersistenceId);
                WriteSequences(writer, acks.Sequences);
            }
        }
    }

    /// <summary>Every output of the transaction reached its queues and every remote ack is durable there: recovery does not apply it again.</summary>
    public sealed record TransactionForwarded(long TransactionId) : QueueRecord
    {
        protected override void WriteTo(RecordWriter writer)
        {
            writer.Byte(TransactionForwardedKind);
            writer.Int64(TransactionId);
        }
    }
}
