using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Persistence.Sqlite;

/// <summary>
/// Journal and snapshot store in one SQLite file, in WAL mode with <c>synchronous=FULL</c>: a write is on
/// disk when its task completes. Readers do not block the writer, so replay runs beside the group commit.
/// </summary>
public sealed class SqliteJournal : SqlJournal
{
    private const int SqliteConstraint = 19;

    /// <summary>
    /// page_size applies only while the file is new (a journal created with other pages keeps them). A lone commit
    /// writes whole pages to the WAL, a table leaf and an index leaf, and fsyncs them: with 64 KiB pages that was
    /// 128 KiB per lone 1 KiB message and made its confirm slower than RabbitMQ's. 8 KiB pages gave the lone confirm
    /// the lowest p99 measured, with busy queues' rates and recovery unchanged against 16 KiB
    /// (docs/decisions/persistence-plugin.md, "Page size").
    /// journal_mode is stored in the file; synchronous is per connection, and FULL makes each commit fsync the
    /// WAL. journal_size_limit trims a WAL that a burst (a big snapshot) grew, once it is checkpointed.
    /// </summary>
    private const string FilePragmas =
        "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA journal_size_limit=67108864;";

    // SQLite counts the checkpoint threshold in pages; 16 MiB keeps each checkpoint's pause short whatever the page size.
    private const int CheckpointBytes = 16 << 20;

    private readonly string _connectionString;

    // The pool hands out the same native connections again and their settings hold, so each is configured once: every
    // group commit opens a connection, and applying the pragmas there again took about as long as the commit's inserts
    // and cost 11 more system calls per lone durable message (issue 11, docs/decisions/persistence-plugin.md).
    private readonly ConditionalWeakTable<object, object> _configured = new();
    private string? _checkpointPragma;
    private volatile bool _directoryCreated;

    /// <summary>Creates the journal; the file and its directory are created by <see cref="SqlJournal.InitializeAsync"/>.</summary>
    public SqliteJournal(SqliteJournalOptions options)
        : base("BLOB", oneWriterAtATime: true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Path);
        Path = System.IO.Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>The full path of the journal file.</summary>
    public string Path { get; }

    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_directoryCreated && System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            _directoryCreated = true;
            var handle = connection.Handle!;
            if (!_configured.TryGetValue(handle, out _))
            {
                await ExecuteAsync(connection, null, FilePragmas, cancellationToken).ConfigureAwait(false);
                _checkpointPragma ??= await CheckpointPragmaAsync(connection, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, null, _checkpointPragma, cancellationToken).ConfigureAwait(false);
                _configured.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<string> CheckpointPragmaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, "PRAGMA page_size");
        var pageSize = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return $"PRAGMA wal_autocheckpoint={Math.Max(1, CheckpointBytes / pageSize)};";
    }

    // BeginTransaction of Microsoft.Data.Sqlite is BEGIN IMMEDIATE: the write lock already keeps migrations apart.
    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override async Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        // One prepared statement re-bound per row: SQLite runs in-process, so a round trip costs nothing.
        using var command = Command(connection, transaction, """
            INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, checksum, written_at)
            VALUES (@pid, @seq, @manifest, @payload, @checksum, @at)
            """);
        var pid = AddParameter(command, "pid", string.Empty);
        var seq = AddParameter(command, "seq", 0L);
        var manifest = AddParameter(command, "manifest", string.Empty);
        var payload = AddParameter(command, "payload", Array.Empty<byte>());
        var checksum = AddParameter(command, "checksum", 0L);
        var at = AddParameter(command, "at", 0L);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var write in writes)
        {
            pid.Value = write.PersistenceId;
            foreach (var evt in write.Events)
            {
                seq.Value = evt.SequenceNr;
                manifest.Value = evt.Manifest;
                payload.Value = ToArray(evt.Payload);
                checksum.Value = Crc32C.Compute(evt.Payload.Span);
                at.Value = evt.Timestamp.ToUnixTimeMilliseconds();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // No row locks to take: SQLite's write lock, held by this transaction since its BEGIN IMMEDIATE, keeps every claim out.
    protected override async Task<Dictionary<string, long>> ReadOwnerTokensAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> persistenceIds, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT token FROM journal_owners WHERE persistence_id = @pid");
        var pid = AddParameter(command, "pid", string.Empty);
        var tokens = new Dictionary<string, long>(persistenceIds.Count, StringComparer.Ordinal);
        foreach (var persistenceId in persistenceIds)
        {
            pid.Value = persistenceId;
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } token and not DBNull)
            {
                tokens[persistenceId] = Convert.ToInt64(token, CultureInfo.InvariantCulture);
            }
        }

        return tokens;
    }

    protected override bool IsDuplicateKey(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };
}
