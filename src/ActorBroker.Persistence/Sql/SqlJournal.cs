using System.Data.Common;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence.Sql;

/// <summary>
/// The journal and snapshot store over an ADO.NET database; a subclass supplies connections and the
/// few statements its dialect writes differently. Every operation opens a pooled connection of its own,
/// so a connection lost to a failure is replaced by the next operation.
/// </summary>
public abstract partial class SqlJournal : IJournal, ISnapshotStore
{
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly SemaphoreSlim? _writeTurn;

    /// <param name="binaryType">The dialect's column type for payloads.</param>
    /// <param name="oneWriterAtATime">Whether the store locks the whole database for a write (SQLite): the writes of this process then take turns.</param>
    protected SqlJournal(string binaryType, bool oneWriterAtATime)
    {
        _migrations = JournalSchema.Migrations(binaryType);
        _writeTurn = oneWriterAtATime ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>Opens a connection ready for use (session settings applied).</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Takes the lock that keeps two processes from migrating at once, inside the migration transaction.</summary>
    protected abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Inserts the events of all writes inside the given transaction.</summary>
    protected abstract Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken);

    /// <summary>Whether the error is a primary-key violation: a sequence number already taken.</summary>
    protected abstract bool IsDuplicateKey(DbException exception);

    /// <summary>Called when an operation failed for another reason than its content, so stale connections can be dropped.</summary>
    protected virtual void OnStoreFailure(DbException exception)
    {
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var turn = await TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, JournalSchema.VersionTable, cancellationToken).ConfigureAwait(false);
                var applied = await ReadAppliedVersionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var known = _migrations[^1].Version;
                if (applied.Count > 0 && applied.Max() > known)
                {
                    throw new InvalidOperationException(
                        $"The journal's schema is at version {applied.Max()}, newer than this node knows ({known}): " +
                        "upgrade the node rather than run it on a store a newer version migrated.");
                }

                foreach (var migration in _migrations)
                {
                    if (applied.Contains(migration.Version))
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                    using var record = Command(connection, transaction,
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at)");
                    AddParameter(record, "version", migration.Version);
                    AddParameter(record, "description", migration.Description);
                    AddParameter(record, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public abstract ValueTask DisposeAsync();

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT version FROM schema_version");
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var versions = new HashSet<int>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions.Add(reader.GetInt32(0));
            }

            return versions;
        }
    }

    /// <summary>Runs a reading operation's statement, where a stale pooled connection shows, reporting a store failure.</summary>
    private async Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception) when (ReportStoreFailure(exception))
        {
            throw;
        }
    }

    /// <summary>
    /// An exception filter that reports a failure of the store (not of the content) to
    /// <see cref="OnStoreFailure"/> and lets the exception propagate unchanged.
    /// </summary>
    private bool ReportStoreFailure(DbException exception)
    {
        if (!IsDuplicateKey(exception))
        {
            OnStoreFailure(exception);
        }

        return false;
    }
}
