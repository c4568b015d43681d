using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The snapshot of a durable queue is an index, not a copy: the rows that still hold bodies of live messages
/// (first and last sequence they enqueued) and a stub per live persistent message (sequence, enqueue time,
/// expiry, priority level, body size, delivery count) in sequence order, after the highest message sequence the
/// journal ever enqueued (so numbering goes on after it, also when no message is left), then the messages parked
/// for a retry with the time it is due, then the messages compaction copied forward with the row now holding them,
/// then the deduplication window (each remembered id with the message that brought it and when). The bodies stay in their rows, which
/// compaction keeps. Numbers are 7-bit varints of deltas, so a stub takes about ten bytes: a snapshot of
/// millions of messages stays in tens of megabytes.
/// </summary>
internal static class QueueSnapshot
{
    public const string Manifest = "queue.snapshot.v4";

    /// <summary>The same without the deduplication window at its end (written before queues deduplicated); still read.</summary>
    public const string ManifestWithoutDeduplication = "queue.snapshot.v3";

    /// <summary>The same without parked retries and copied messages at its end (written before those survived restarts); still read.</summary>
    public const string ManifestWithoutParked = "queue.snapshot.v2";

    /// <summary>Whether <paramref name="manifest"/> names a queue snapshot this version reads.</summary>
    public static bool IsReadable(string manifest) => manifest is Manifest or ManifestWithoutDeduplication or ManifestWithoutParked;

    public static byte[] Encode(
        long lastSequence, IReadOnlyList<RowIndex.Entry> rows, IReadOnlyDictionary<long, long> relocated,
        IReadOnlyList<QueuedMessage> messages, IReadOnlyDictionary<long, DateTimeOffset> parked, IReadOnlyList<DeduplicationEntry> deduplication)
    {
        using var stream = new MemoryStream(16 + (rows.Count * 12) + (messages.Count * 12));
        using var writer = new BinaryWriter(stream);
        writer.Write7BitEncodedInt64(lastSequence);
        writer.Write7BitEncodedInt(rows.Count);
        var previousRow = 0L;
        foreach (var row in rows)
        {
            writer.Write7BitEncodedInt64(row.Row - previousRow);
            writer.Write7BitEncodedInt64(row.First);
            writer.Write7BitEncodedInt64(row.Last - row.First);
            previousRow = row.Row;
        }

        writer.Write7BitEncodedInt(messages.Count);
        long previousSequence = 0, previousTicks = 0;
        foreach (var message in messages)
        {
            var ticks = message.EnqueuedAt.UtcTicks;
            writer.Write7BitEncodedInt64(message.Sequence - previousSequence);
            writer.Write7BitEncodedInt64(ZigZag(ticks - previousTicks));
            writer.Write7BitEncodedInt64(message.ExpiresAt is { } expiry ? expiry.UtcTicks - ticks + 1 : 0);
            writer.Write7BitEncodedInt(message.Priority);
            writer.Write7BitEncodedInt(message.Size);
            writer.Write7BitEncodedInt(message.DeliveryCount);
            (previousSequence, previousTicks) = (message.Sequence, ticks);
        }

        var parkedHeld = messages.Where(m => parked.ContainsKey(m.Sequence)).Select(m => (m.Sequence, parked[m.Sequence].UtcTicks)).ToList();
        writer.Write7BitEncodedInt(parkedHeld.Count);
        previousSequence = 0;
        foreach (var (sequence, dueTicks) in parkedHeld)
        {
            writer.Write7BitEncodedInt64(sequence - previousSequence);
            writer.Write7BitEncodedInt64(dueTicks);
            previousSequence = sequence;
        }

        writer.Write7BitEncodedInt(relocated.Count);
        foreach (var (sequence, row) in relocated)
        {
            writer.Write7BitEncodedInt64(sequence);
            writer.Write7BitEncodedInt64(row);
        }

        writer.Write7BitEncodedInt(deduplication.Count);
        (previousSequence, previousTicks) = (0, 0);
        foreach (var entry in deduplication)
        {
            writer.Write(entry.Key);
            writer.Write7BitEncodedInt64(ZigZag(entry.Sequence - previousSequence));
            writer.Write7BitEncodedInt64(ZigZag(entry.SeenAt.UtcTicks - previousTicks));
            (previousSequence, previousTicks) = (entry.Sequence, entry.SeenAt.UtcTicks);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when the payload is not a queue snapshot of this version.</summary>
    public static (long LastSequence, RowIndex Rows, List<QueuedMessage> Messages, Dictionary<long, DateTimeOffset> Parked, List<DeduplicationEntry> Deduplication) Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (!IsReadable(manifest))
        {
            throw new InvalidDataException(
                $"The queue snapshot has manifest '{manifest}'; this version reads only '{Manifest}', '{ManifestWithoutDeduplication}' and '{ManifestWithoutParked}' (snapshots written before paging are not read).");
        }

        try
        {
            return Read(payload, withParked: manifest != ManifestWithoutParked, withDeduplication: manifest == Manifest);
        }
        catch (EndOfStreamException truncated)
        {
            throw new InvalidDataException("A queue snapshot ends early.", truncated);
        }
        catch (FormatException bad)
        {
            throw new InvalidDataException("A queue snapshot holds a malformed number.", bad);
        }
    }

    private static (long, RowIndex, List<QueuedMessage>, Dictionary<long, DateTimeOffset>, List<DeduplicationEntry>) Read(
        ReadOnlyMemory<byte> payload, bool withParked, bool withDeduplication)
    {
        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        using var reader = new BinaryReader(stream);
        var lastSequence = reader.Read7BitEncodedInt64();
        var rows = new RowIndex();
        var rowCount = Count(reader.Read7BitEncodedInt(), payload.Length);
        var row = 0L;
        for (var i = 0; i < rowCount; i++)
        {
            row += reader.Read7BitEncodedInt64();
            var first = reader.Read7BitEncodedInt64();
            rows.Add(first, first + reader.Read7BitEncodedInt64(), row);
        }

        var count = Count(reader.Read7BitEncodedInt(), payload.Length);
        var messages = new List<QueuedMessage>(count);
        long sequence = 0, ticks = 0;
        for (var i = 0; i < count; i++)
        {
            sequence += reader.Read7BitEncodedInt64();
            ticks += UnZigZag(reader.Read7BitEncodedInt64());
            var expiry = reader.Read7BitEncodedInt64();
            var enqueuedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            DateTimeOffset? expiresAt = expiry == 0 ? null : new DateTimeOffset(ticks + expiry - 1, TimeSpan.Zero);
            var priority = reader.Read7BitEncodedInt();
            var size = reader.Read7BitEncodedInt();
            messages.Add(new QueuedMessage(sequence, enqueuedAt, expiresAt, priority, size) { DeliveryCount = reader.Read7BitEncodedInt() });
        }

        var parked = new Dictionary<long, DateTimeOffset>();
        var parkedCount = withParked ? Count(reader.Read7BitEncodedInt(), payload.Length) : 0;
        sequence = 0;
        for (var i = 0; i < parkedCount; i++)
        {
            sequence += reader.Read7BitEncodedInt64();
            parked[sequence] = new DateTimeOffset(reader.Read7BitEncodedInt64(), TimeSpan.Zero);
        }

        var relocatedCount = withParked ? Count(reader.Read7BitEncodedInt(), payload.Length) : 0;
        for (var i = 0; i < relocatedCount; i++)
        {
            rows.Relocate(reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        }

        var deduplication = withDeduplication ? ReadDeduplication(reader, payload.Length) : [];
        return stream.Position == stream.Length ? (lastSequence, rows, messages, parked, deduplication) : throw new InvalidDataException("A queue snapshot has trailing bytes.");
    }

    private static List<DeduplicationEntry> ReadDeduplication(BinaryReader reader, int payloadLength)
    {
        var count = Count(reader.Read7BitEncodedInt(), payloadLength);
        var entries = new List<DeduplicationEntry>(count);
        long sequence = 0, ticks = 0;
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            sequence += UnZigZag(reader.Read7BitEncodedInt64());
            ticks += UnZigZag(reader.Read7BitEncodedInt64());
            entries.Add(new DeduplicationEntry(key, sequence, new DateTimeOffset(ticks, TimeSpan.Zero), Journaled: true));
        }

        return entries;
    }

    private static int Count(int count, int payloadLength) =>
        count >= 0 && count <= payloadLength ? count : throw new InvalidDataException($"A queue snapshot claims {count} entries in {payloadLength} bytes.");

    private static long ZigZag(long value) => (value << 1) ^ (value >> 63);

    private static long UnZigZag(long value) => (long)((ulong)value >> 1) ^ -(value & 1);
}
