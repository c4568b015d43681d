using System.Data.Common;
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

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)");
        AddParameter(command, "key", SchemaLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var write in writes)
        {
            count += write.Events.Count;
        }

        var pids = new string[count];
        var seqs = new long[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var checksums = new long[count];
        var timestamps = new long[count];
        var i = 0;
        foreach (var write in writes)
        {
            foreach (var evt in write.Events)
            {
                pids[i] = write.PersistenceId;
                seqs[i] = evt.SequenceNr;
                manifests[i] = evt.Manifest;
                payloads[i] = ToArray(evt.Payload);
                checksums[i] = Crc32C.Compute(evt.Payload.Span);
                timestamps[i] = evt.Timestamp.ToUnixTimeMilliseconds();
                i++;
            }
        }

        // One statement for the whole batch: a single round trip however many actors wrote.
        using var command = Command(connection, transaction, """
            INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, checksum, written_at)
            SELECT * FROM unnest(@pids, @seqs, @manifests, @payloads, @checksums, @ats)
            """);
        AddParameter(command, "pids", pids);
        AddParameter(command, "seqs", seqs);
        AddParameter(command, "manifests", manifests);
        ((NpgsqlParameter)AddParameter(command, "payloads", payloads)).NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea;
        AddParameter(command, "checksums", checksums);
        AddParameter(command, "ats", timestamps);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
