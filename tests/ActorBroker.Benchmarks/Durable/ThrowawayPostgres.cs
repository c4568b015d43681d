using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// A PostgreSQL 15 server for one benchmark run: initdb into a temp folder, listening on a free loopback port,
/// with the durability settings of production (fsync and synchronous_commit on), so its figure compares with
/// SQLite's. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly Process _server;

    private ThrowawayPostgres(string root, Process server, int port)
    {
        _root = root;
        _server = server;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5";
    }

    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "postgres"));

    public string ConnectionString { get; }

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/postgres is missing): install the Debian package 'postgresql'.");
        }

        var root = Directory.CreateTempSubdirectory("actorbroker-bench-pg-").FullName;
        var data = Path.Combine(root, "data");
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        await RunAsync(Tool("initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"]);
        var port = FreePort();
        var (file, args) = AsServerUser(Tool("postgres"),
        [
            "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", root, "-h", "127.0.0.1",
            "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "max_wal_size=4GB",
        ]);
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        args.ForEach(start.ArgumentList.Add);
        var server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        server.ErrorDataReceived += (_, _) => { };
        server.OutputDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        var postgres = new ThrowawayPostgres(root, server, port);
        await postgres.WaitUntilReadyAsync();
        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Tool("pg_ctl"), ["stop", "-D", Path.Combine(_root, "data"), "-m", "fast", "-w"]);
        await _server.WaitForExitAsync();
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException)
            {
                if (_server.HasExited || deadline.Elapsed > s_startTimeout)
                {
                    throw new InvalidOperationException($"PostgreSQL did not accept connections within {s_startTimeout.TotalSeconds} s.", exception);
                }
            }

            // Polling a connection attempt: the server offers no readiness signal to await.
            await Task.Delay(50);
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
            throw new InvalidOperationException($"'{command} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
