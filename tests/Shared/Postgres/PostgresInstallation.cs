using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace ActorBroker.Testing.Postgres;

/// <summary>
/// Debian's PostgreSQL 15 binaries and how to run them: as the postgres user when the tests run as root,
/// since PostgreSQL refuses to run as root. Shared by the test server and the benchmark's server.
/// </summary>
internal static class PostgresInstallation
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    public static bool IsInstalled => File.Exists(Tool("postgres"));

    public static bool IsRoot => Environment.UserName == "root";

    public static string Tool(string name) => Path.Combine(BinDirectory, name);

    public static (string File, List<string> Args) AsServerUser(string file, List<string> args) =>
        IsRoot ? ("runuser", ["-u", "postgres", "--", file, .. args]) : (file, args);

    /// <summary>Gives <paramref name="directory"/> to the postgres user when running as root.</summary>
    public static async Task HandOverAsync(string directory)
    {
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], asServerUser: false);
        }
    }

    /// <summary>Runs a PostgreSQL tool as the server's user; fails with its output when it exits non-zero.</summary>
    public static Task RunToolAsync(string tool, List<string> args) => RunAsync(Tool(tool), args, asServerUser: true);

    /// <summary>
    /// Waits until <paramref name="server"/> accepts connections; fails with <paramref name="describe"/>'s detail
    /// when it exits or does not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitUntilAcceptingAsync(string connectionString, Process server, TimeSpan timeout, Func<string> describe)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException)
            {
                if (server.HasExited || deadline.Elapsed > timeout)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL did not accept connections within {timeout.TotalSeconds} s (exited: {server.HasExited}). {describe()}", exception);
                }
            }

            // Polling a connection attempt: the server offers no readiness signal to await.
            await Task.Delay(50);
        }
    }

    private static async Task RunAsync(string file, List<string> args, bool asServerUser)
    {
        var (command, arguments) = asServerUser ? AsServerUser(file, args) : (file, args);
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
}
