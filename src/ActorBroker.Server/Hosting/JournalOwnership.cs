using Npgsql;

namespace ActorBroker.Server.Hosting;

/// <summary>
/// Makes this node the one process that writes its journal, for as long as it runs: two nodes over one journal would
/// both recover and write the same queues, and their journals would interleave. A lock the operating system or the
/// database releases by itself when the process dies, so a node killed with -9 never blocks the next start: for
/// SQLite an exclusive lock on a file beside the database; for PostgreSQL a session advisory lock, held by a
/// connection of its own kept open (a database restart ends that session, and with it the lock, until the node
/// restarts) and closed when the node stops.
/// A journal shared by the nodes of a cluster (<see cref="JournalSettings.Shared"/>) is locked per node name instead:
/// every node writes the journals named after it (its topology, the queues it declared), so two processes under one
/// name would be two writers of those, while nodes of different names share the database.
/// </summary>
internal sealed class JournalOwnership : IAsyncDisposable
{
    // "ActorOwn": apart from the journal's own schema lock.
    private const long PostgresLockKey = 0x4163_746f_724f_776e;

    private readonly IAsyncDisposable _held;

    private JournalOwnership(IAsyncDisposable held) => _held = held;

    /// <exception cref="NodeStartException">Another process holds the journal, or the lock could not be taken.</exception>
    public static async Task<JournalOwnership> AcquireAsync(JournalSettings journal, string nodeName, CancellationToken cancellationToken) =>
        new(journal.Plugin == JournalSettings.Sqlite
            ? LockFile(journal)
            : await LockDatabaseAsync(journal, journal.Shared ? NodeLockKey(nodeName) : PostgresLockKey, journal.Shared ? nodeName : null, cancellationToken).ConfigureAwait(false));

    // FNV-1a over the name's UTF-8 bytes, seeded with the whole-journal key: the same on every node and across restarts
    // (string.GetHashCode is randomized per process).
    private static long NodeLockKey(string nodeName)
    {
        var hash = unchecked((ulong)PostgresLockKey);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(nodeName))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    private static FileStream LockFile(JournalSettings journal)
    {
        var path = Path.GetFullPath(journal.SqlitePath) + ".owner";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException($"cannot open the {journal.Describe()}: {error.Message}", error);
        }

        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new NodeStartException($"cannot open the {journal.Describe()}: {error.Message}", error);
        }
        catch (IOException error)
        {
            throw InUse(journal, error);
        }
    }

    private static async Task<NpgsqlConnection> LockDatabaseAsync(JournalSettings journal, long key, string? nodeName, CancellationToken cancellationToken)
    {
        // Unpooled: disposing a pooled connection hands its session, and the lock with it, back to the pool, so a node
        // stopped in a process that goes on (an embedding host, a node restarted in place) kept its name locked.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(journal.PostgresConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return connection;
            }

            throw nodeName is null ? InUse(journal, null) : new NodeStartException(
                $"another broker node named '{nodeName}' runs on the {journal.Describe()}; every node that shares a journal " +
                "needs a name of its own (actorbroker.node.name)", null);
        }
        catch (Exception error) when (error is NpgsqlException or NodeStartException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw error as NodeStartException ?? new NodeStartException($"cannot open the {journal.Describe()}: {error.Message}", error);
        }
    }

    private static NodeStartException InUse(JournalSettings journal, Exception? cause) =>
        new($"the {journal.Describe()} is in use by another broker node; each node needs a journal of its own " +
            "(actorbroker.journal.sqlite.path, or a PostgreSQL database of its own)", cause);

    public ValueTask DisposeAsync() => _held.DisposeAsync();
}
