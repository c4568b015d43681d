using System.Diagnostics;
using System.Globalization;
using ActorBroker.Testing.Net;
using Npgsql;
using static ActorBroker.Testing.Postgres.PostgresInstallation;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// A PostgreSQL 15 server for one benchmark run: initdb into a temp folder, listening on a loopback port it holds,
/// with the durability settings of production (fsync and synchronous_commit on), so its figure compares with
/// SQLite's. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly Process _server;
    private readonly PortReservation _port;

    private ThrowawayPostgres(string root, Process server, PortReservation port)
    {
        _root = root;
        _server = server;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port.Port};Username=postgres;Database=postgres;Timeout=5";
    }

    public static bool IsInstalled => ActorBroker.Testing.Postgres.PostgresInstallation.IsInstalled;

    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/postgres is missing): install the Debian package 'postgresql'.");
        }

        var root = Directory.CreateTempSubdirectory("actorbroker-bench-pg-").FullName;
        var data = Path.Combine(root, "data");
        await HandOverAsync(root);

        await RunToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"]);
        var port = PortReservation.Take();
        var (file, args) = AsServerUser(Tool("postgres"),
        [
            "-D", data, "-p", port.Port.ToString(CultureInfo.InvariantCulture), "-k", root, "-h", "127.0.0.1",
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
        await WaitUntilAcceptingAsync(postgres.ConnectionString, server, s_startTimeout, () => string.Empty);
        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunToolAsync("pg_ctl", ["stop", "-D", Path.Combine(_root, "data"), "-m", "fast", "-w"]);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _port.Dispose();
        Directory.Delete(_root, recursive: true);
    }




}
