using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorBroker.Persistence.Postgres;
using Npgsql;

namespace ActorBroker.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL 15 server for the whole test run: initdb into a temp folder, listening on a
/// free loopback port. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new();
    private readonly StringBuilder _log = new();
    private string _root = string.Empty;
    private Process? _server;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "socket");

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: {BinDirectory}/postgres is missing. Install the Debian package 'postgresql' (.ci/run does).");
        }

        _root = Directory.CreateTempSubdirectory("actorbroker-pg-").FullName;
        Directory.CreateDirectory(SocketDirectory);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        await RunAsync(Tool("initdb"), ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        Port = FreePort();
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

        await RunAsync(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _server = null;
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

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

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException)
            {
                if (_server!.HasExited || deadline.Elapsed > s_startTimeout)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL did not accept connections on port {Port} within {s_startTimeout.TotalSeconds} s " +
                        $"(exited: {_server.HasExited}). Its log:\n{Log}", exception);
                }
            }

            // Polling a connection attempt: the server offers no readiness signal to await.
            await Task.Delay(50);
        }
    }

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

    private static string Tool(string name) => Path.Combine(BinDirectory, name);

    private static (string File, List<string> Args) AsServerUser(string file, List<string> args) =>
        IsRoot ? ("runuser", ["-u", "postgres", "--", file, .. args]) : (file, args);

    private static async Task RunAsync(string file, List<string> args)
    {
        var (command, arguments) = file == "chown" ? (file, args) : AsServerUser(file, args);
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{command} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
