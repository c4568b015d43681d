using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace ActorBroker.Cli.Tests;

/// <summary>Runs the built <c>actorbroker.dll</c> from the CLI project's own output folder with <c>dotnet</c>.</summary>
internal static class CliRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private static readonly string s_cliPath = Path.GetFullPath(
        typeof(CliRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ActorBrokerCliPath").Value!);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"actorbroker {string.Join(' ', args)} did not exit within {s_timeout}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Starts the CLI and leaves it running, for commands that stream until interrupted.</summary>
    public static RunningCli Start(params string[] args) => new(Process.Start(StartInfo(null, args))!);

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        if (!File.Exists(s_cliPath))
            throw new FileNotFoundException($"the CLI is not built at {s_cliPath}", s_cliPath);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_cliPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return start;
    }

    /// <summary>A CLI process whose stdout is read line by line while it runs.</summary>
    internal sealed class RunningCli : IDisposable
    {
        private const int Sigterm = 15;
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly Task<string> _stderr;

        public RunningCli(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    _lines.Writer.TryComplete();
                else
                    _lines.Writer.TryWrite(e.Data);
            };
            _process.BeginOutputReadLine();
            _stderr = _process.StandardError.ReadToEndAsync();
        }

        public async Task<string> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(s_timeout);
            return await _lines.Reader.ReadAsync(timeout.Token);
        }

        /// <summary>
        /// Sends SIGTERM, which the CLI handles as it handles Ctrl-C (SIGINT). Not SIGINT itself: a test run started in
        /// the background (CI, nohup, <c>&amp;</c>) ignores SIGINT and, as POSIX says, so do the processes it starts.
        /// </summary>
        public void Terminate()
        {
            if (kill(_process.Id, Sigterm) != 0)
                throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        public async Task<(int ExitCode, string Stderr)> WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(s_timeout);
            await _process.WaitForExitAsync(timeout.Token);
            return (_process.ExitCode, await _stderr);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
