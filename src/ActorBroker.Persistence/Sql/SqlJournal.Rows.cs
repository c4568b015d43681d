using System.Data.Common;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence.Sql;

public abstract partial class SqlJournal
{
    // Columns of a row as selected by replay and snapshot load: sequence_nr, manifest, payload, checksum, timestamp.
    private static ReplayItem ReadEventRow(DbDataReader reader, string persistenceId)
    {
        var sequenceNr = reader.GetInt64(0);
        var problem = TryReadPayload(reader, out var manifest, out var payload, out var timestamp);
        return problem is null
            ? new ReplayedEvent(persistenceId, new JournalEvent(sequenceNr, manifest, payload, timestamp))
            : new QuarantinedEvent(persistenceId, sequenceNr, problem);
    }

    /// <exception cref="InvalidDataException">The snapshot is unreadable. An older one is not used instead: the events it
    /// covers may have been deleted, and recovery would come back incomplete without a word.</exception>
    private static SnapshotRecord ReadSnapshotRow(DbDataReader reader, string persistenceId) =>
        TryReadPayload(reader, out var manifest, out var payload, out var timestamp) is { } problem
            ? throw new InvalidDataException(
                $"The newest snapshot of '{persistenceId}' (#{reader.GetInt64(0)}) is unreadable: {problem}. The events before it may be " +
                "deleted, so no older snapshot stands in for it; restore the database from a backup, or delete this snapshot row to recover from what remains.")
            : new SnapshotRecord(persistenceId, reader.GetInt64(0), manifest, payload, timestamp);

    /// <summary>Reads columns 1..4; returns why the row is unusable, or null when it is sound.</summary>
    private static string? TryReadPayload(DbDataReader reader, out string manifest, out byte[] payload, out DateTimeOffset timestamp)
    {
        manifest = string.Empty;
        payload = [];
        timestamp = default;
        try
        {
            if (reader.IsDBNull(1) || reader.IsDBNull(2))
            {
                return "the manifest or the payload is missing";
            }

            manifest = reader.GetString(1);
            payload = reader.GetFieldValue<byte[]>(2);
            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4));
            var stored = reader.GetInt64(3);
            var computed = Crc32C.Compute(payload);
            if (stored != computed)
            {
                return $"the payload ({payload.Length} bytes) fails its checksum (stored {stored:x8}, computed {computed:x8}): truncated or corrupted";
            }

            return manifest.Length == 0 ? "the manifest is empty" : null;
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException
                                              or ArgumentOutOfRangeException or DbException)
        {
            return $"the row cannot be read: {exception.Message}";
        }
    }
}
