using System.Data.Common;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence.Sql;

public abstract partial class SqlJournal
{
    public async Task SaveSnapshotAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await EnsureOwnedAsync(connection, transaction, snapshot.PersistenceId, cancellationToken).ConfigureAwait(false);
                using var command = Command(connection, transaction, """
                    INSERT INTO snapshots (persistence_id, sequence_nr, manifest, payload, checksum, saved_at)
                    VALUES (@pid, @seq, @manifest, @payload, @checksum, @at)
                    ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET manifest = excluded.manifest,
                        payload = excluded.payload, checksum = excluded.checksum, saved_at = excluded.saved_at
                    """);
                AddParameter(command, "pid", snapshot.PersistenceId);
                AddParameter(command, "seq", snapshot.SequenceNr);
                AddParameter(command, "manifest", snapshot.Manifest);
                AddParameter(command, "payload", ToArray(snapshot.Payload));
                AddParameter(command, "checksum", Crc32C.Compute(snapshot.Payload.Span));
                AddParameter(command, "at", snapshot.Timestamp.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<SnapshotRecord?> LoadSnapshotAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        LoadSnapshotAsync(persistenceId, SnapshotSelection.UpTo(maxSequenceNr), cancellationToken);

    public async Task<SnapshotRecord?> LoadSnapshotAsync(string persistenceId, SnapshotSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(selection);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null, """
                SELECT sequence_nr, manifest, payload, checksum, saved_at FROM snapshots
                WHERE persistence_id = @pid AND sequence_nr BETWEEN @minseq AND @maxseq AND saved_at BETWEEN @minat AND @maxat
                ORDER BY sequence_nr DESC LIMIT 1
                """);
            AddSelection(command, persistenceId, selection);
            var reader = await ExecuteReaderAsync(command, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadSnapshotRow(reader, persistenceId) : null;
            }
        }
    }

    public Task DeleteSnapshotsAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        DeleteSnapshotsAsync(persistenceId, SnapshotSelection.UpTo(maxSequenceNr), cancellationToken);

    public async Task DeleteSnapshotsAsync(string persistenceId, SnapshotSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(selection);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await EnsureOwnedAsync(connection, transaction, persistenceId, cancellationToken).ConfigureAwait(false);
                using var command = Command(connection, transaction, """
                    DELETE FROM snapshots
                    WHERE persistence_id = @pid AND sequence_nr BETWEEN @minseq AND @maxseq AND saved_at BETWEEN @minat AND @maxat
                    """);
                AddSelection(command, persistenceId, selection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void AddSelection(DbCommand command, string persistenceId, SnapshotSelection selection)
    {
        AddParameter(command, "pid", persistenceId);
        AddParameter(command, "minseq", selection.MinSequenceNr);
        AddParameter(command, "maxseq", selection.MaxSequenceNr);
        AddParameter(command, "minat", selection.MinTimestamp.ToUnixTimeMilliseconds());
        AddParameter(command, "maxat", selection.MaxTimestamp.ToUnixTimeMilliseconds());
    }
}
