using System.Data.Common;
using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.Sql;

public abstract partial class SqlJournal
{
    public async Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await EnsureOwnedAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
                    await InsertEventsAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (DbException exception) when (IsDuplicateKey(exception))
        {
            throw new JournalRejectedException(
                $"The journal refused a batch of {writes.Count} writes: a sequence number is already taken ({exception.Message}).",
                exception);
        }
        catch (DbException exception) when (ReportStoreFailure(exception))
        {
            throw;
        }
    }

    public async IAsyncEnumerable<ReplayItem> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            List<QuarantinedEvent>? corrupt = null;
            using (var command = Command(connection, null, """
                SELECT sequence_nr, manifest, payload, checksum, written_at FROM journal
                WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to
                ORDER BY sequence_nr
                """))
            {
                AddParameter(command, "pid", persistenceId);
                AddParameter(command, "from", fromSequenceNr);
                AddParameter(command, "to", toSequenceNr);
                var reader = await ExecuteReaderAsync(command, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var item = ReadEventRow(reader, persistenceId);
                        if (item is QuarantinedEvent quarantined)
                        {
                            (corrupt ??= []).Add(quarantined);
                        }

                        yield return item;
                    }
                }
            }

            // Moved only after the reader is closed: a connection runs one statement at a time.
            foreach (var quarantined in corrupt ?? [])
            {
                await MoveToQuarantineAsync(connection, quarantined, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await ReadHighestAsync(connection, null, persistenceId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DbException exception) when (ReportStoreFailure(exception))
        {
            throw;
        }
    }

    public async Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await EnsureOwnedAsync(connection, transaction, persistenceId, cancellationToken).ConfigureAwait(false);
                // The marker keeps the highest sequence number when its event is deleted, so numbering never goes back.
                var highest = await ReadHighestAsync(connection, transaction, persistenceId, cancellationToken).ConfigureAwait(false);
                using (var marker = Command(connection, transaction, """
                    INSERT INTO journal_metadata (persistence_id, deleted_to) VALUES (@pid, @to)
                    ON CONFLICT (persistence_id) DO UPDATE SET deleted_to =
                        CASE WHEN excluded.deleted_to > journal_metadata.deleted_to
                             THEN excluded.deleted_to ELSE journal_metadata.deleted_to END
                    """))
                {
                    AddParameter(marker, "pid", persistenceId);
                    AddParameter(marker, "to", Math.Min(toSequenceNr, highest));
                    await marker.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (var delete = Command(connection, transaction,
                    "DELETE FROM journal WHERE persistence_id = @pid AND sequence_nr <= @to"))
                {
                    AddParameter(delete, "pid", persistenceId);
                    AddParameter(delete, "to", toSequenceNr);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task QuarantineAsync(string persistenceId, long sequenceNr, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await MoveToQuarantineAsync(connection, new QuarantinedEvent(persistenceId, sequenceNr, reason), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<QuarantinedEvent>> ReadQuarantineAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null,
                "SELECT sequence_nr, reason FROM journal_quarantine WHERE persistence_id = @pid ORDER BY sequence_nr");
            AddParameter(command, "pid", persistenceId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<QuarantinedEvent>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new QuarantinedEvent(persistenceId, reader.GetInt64(0), reader.GetString(1)));
                }

                return rows;
            }
        }
    }

    private static async Task<long> ReadHighestAsync(
        DbConnection connection, DbTransaction? transaction, string persistenceId, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, """
            SELECT MAX(h) FROM (
                SELECT MAX(sequence_nr) AS h FROM journal WHERE persistence_id = @pid
                UNION ALL SELECT deleted_to FROM journal_metadata WHERE persistence_id = @pid
                UNION ALL SELECT MAX(sequence_nr) FROM journal_quarantine WHERE persistence_id = @pid) AS highest
            """);
        AddParameter(command, "pid", persistenceId);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task MoveToQuarantineAsync(DbConnection connection, QuarantinedEvent row, CancellationToken cancellationToken)
    {
        using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            using (var copy = Command(connection, transaction, """
                INSERT INTO journal_quarantine (persistence_id, sequence_nr, manifest, payload, reason, quarantined_at)
                SELECT persistence_id, sequence_nr, manifest, payload, @reason, @at FROM journal
                WHERE persistence_id = @pid AND sequence_nr = @seq
                ON CONFLICT (persistence_id, sequence_nr) DO NOTHING
                """))
            {
                AddParameter(copy, "pid", row.PersistenceId);
                AddParameter(copy, "seq", row.SequenceNr);
                AddParameter(copy, "reason", row.Reason);
                AddParameter(copy, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await copy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var delete = Command(connection, transaction,
                "DELETE FROM journal WHERE persistence_id = @pid AND sequence_nr = @seq"))
            {
                AddParameter(delete, "pid", row.PersistenceId);
                AddParameter(delete, "seq", row.SequenceNr);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
