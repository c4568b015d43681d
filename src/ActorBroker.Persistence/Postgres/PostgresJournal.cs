using System.Data.Common;
using System.Globalization;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Sql;
using Npgsql;
using NpgsqlTypes;

namespace ActorBroker.Persistence.Postgres;

/// <summary>
/// Journal and snapshot store in a PostgreSQL database shared by the nodes of a cluster. A batch is one
/// transaction and one statement; a commit is durable under PostgreSQL's default <c>synchronous_commit</c>.
/// </summary>
public sealed class PostgresJournal : SqlJournal
{
    private const string UniqueViolation = "23505";

    // Any constant works; it only has to be the same for every node migrating this schema.
    private const long SchemaLockKey = 0x4163_746f_724a_726e;

    private readonly NpgsqlDataSource _dataSource;
    private bool? _lz4;

    /// <summary>Creates the journal; nothing is connected until the first operation.</summary>
    public PostgresJournal(PostgresJournalOptions options)
        : base("BYTEA", oneWriterAtATime: false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("The PostgreSQL journal's connection string is empty.", nameof(options));
        }

        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lz4 ??= await SupportsLz4Async(connection, cancellationToken).ConfigureAwait(false);
            if (_lz4 == true)
            {
                // Per use, not per physical connection: the pool's reset on return (DISCARD ALL) undoes session settings.
                await ExecuteAsync(connection, null, "SET default_toast_compression = 'lz4'", cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Whether the server compresses large values with LZ4 (PostgreSQL 14 and later, when built with it). A batch
    /// row of megabytes is always stored out of line (TOAST); LZ4 compresses it several times faster than the
    /// default pglz, which took most of a commit's time.
    /// </summary>
    private static async Task<bool> SupportsLz4Async(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null,
            "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)");
        AddParameter(command, "key", SchemaLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        // Binary COPY streams the rows in one round trip with no statement to plan and no array to build
        // and unpack: the cheapest way into PostgreSQL for a batch that may hold megabytes of payload.
        var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            "COPY journal (persistence_id, sequence_nr, manifest, payload, checksum, written_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var write in writes)
            {
                foreach (var evt in write.Events)
                {
                    await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(write.PersistenceId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(evt.SequenceNr, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(evt.Manifest, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(evt.Payload, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(Crc32C.Compute(evt.Payload.Span), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(evt.Timestamp.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // FOR SHARE holds the rows until this transaction ends: a claim's update of a token waits for it, so a write checked
    // against the old token commits before the new owner reads its highest sequence number and replays.
    protected override async Task<Dictionary<string, long>> ReadOwnerTokensAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> persistenceIds, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction,
            "SELECT persistence_id, token FROM journal_owners WHERE persistence_id = ANY(@pids) FOR SHARE");
        AddParameter(command, "pids", persistenceIds.ToArray());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var tokens = new Dictionary<string, long>(persistenceIds.Count, StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens[reader.GetString(0)] = reader.GetInt64(1);
            }

            return tokens;
        }
    }

    protected override bool IsDuplicateKey(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation };

    // A lost server leaves broken connections idle in the pool; drop them so the next batch reconnects.
    protected override void OnStoreFailure(DbException exception)
    {
        if (exception is not PostgresException)
        {
            _dataSource.Clear();
        }
    }
}
