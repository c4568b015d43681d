using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Testing.Net;
using Npgsql;
using static ActorBroker.Testing.Postgres.PostgresInstallation;

namespace ActorBroker.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL 15 server for the whole test run: initdb into a temp folder, listening on a
/// loopback port it holds until disposed (<see cref="PortReservation"/>: also while stopped, so a restart gets it back).
/// PostgreSQL refuses to run as root, so as root it runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new();
    private readonly StringBuilder _log = new();
    private string _root = string.Empty;
    private Process? _server;
    private PortReservation? _port;

    public int Port => _port?.Port ?? throw new InvalidOperationException("the server is not initialized");

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "socket");

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: {BinDirectory}/postgres is missing. Install the Debian package 'postgresql' (.ci/run does).");
        }

        _root = Directory.CreateTempSubdirectory("actorbroker-pg-").FullName;
        Directory.CreateDirectory(SocketDirectory);
        await HandOverAsync(_root);

        await RunToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        _port = PortReservation.Take();
        await StartAsync();
    }

    /// <summary>Starts the server (again) on the same port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var (file, args) = AsServerUser(Tool("postgres"),
        [
            "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", SocketDirectory, "-h", "127.0.0.1",
            // Test data is thrown away: skip the fsyncs that would only slow the shared machine.
            "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
        ]);
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        args.ForEach(start.ArgumentList.Add);
        _server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        _server.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        _server.OutputDataReceived += (_, e) => AppendLog(e.Data);
        _server.BeginErrorReadLine();
        _server.BeginOutputReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>Stops the server fast (open connections are cut) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _server = null;
    }

    // Opening a connection may take as long as a command: with the suite's projects running in parallel on a small
    // machine, opening one took over 5 s (Npgsql "The operation has timed out"), which failed a test's setup.
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Command Timeout=30";

    /// <summary>A database of its own for <paramref name="key"/> (a test class), created on first use.</summary>
    public Task<string> DatabaseAsync(string key) =>
        _databases.GetOrAdd(key, k => new Lazy<Task<string>>(() => CreateDatabaseAsync(k))).Value;

    /// <summary>An initialized journal over the database of <paramref name="key"/>.</summary>
    public async Task<PostgresJournal> OpenJournalAsync(string key)
    {
        var journal = new PostgresJournal(new PostgresJournalOptions(await DatabaseAsync(key)));
        try
        {
            await journal.InitializeAsync();
            return journal;
        }
        catch
        {
            await journal.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one raw statement in the database of <paramref name="key"/> and returns its scalar result.</summary>
    public async Task<object?> ExecuteSqlAsync(string key, string sql)
    {
        await using var connection = new NpgsqlConnection(await DatabaseAsync(key));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _port?.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (_root.Length > 0 && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<string> CreateDatabaseAsync(string key)
    {
        var name = "t_" + new string(key.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        name = name[..Math.Min(name.Length, 60)];
        // Unpooled: a pooled admin connection would not survive a test that restarts the server.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private Task WaitUntilReadyAsync() =>
        WaitUntilAcceptingAsync(ConnectionString("postgres"), _server!, s_startTimeout, () => $"Port {Port}; its log:\n{Log}");

    private string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }




}
