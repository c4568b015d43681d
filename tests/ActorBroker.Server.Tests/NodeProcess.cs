using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace ActorBroker.Server.Tests;

/// <summary>A broker node started as a child process from the built server assembly, its output read line by line.</summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly StreamWriter? _logCopy;

    // stdout and stderr end separately; the lines end only when both have, or a last error line is lost.
    private int _openStreams = 2;

    private NodeProcess(Process process, string workingDirectory)
    {
        _process = process;
        // ACTORBROKER_NODE_LOGS names a folder that keeps every node's log after the test deleted its work folder:
        // what a long failover run's timings are read from (docs/decisions/cluster.md).
        if (Environment.GetEnvironmentVariable("ACTORBROKER_NODE_LOGS") is { Length: > 0 } folder)
        {
            var name = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(workingDirectory))}-{process.Id}.log";
            _logCopy = new StreamWriter(Path.Combine(Directory.CreateDirectory(folder).FullName, name)) { AutoFlush = true };
        }

        _process.OutputDataReceived += (_, e) => Forward(e.Data);
        _process.ErrorDataReceived += (_, e) => Forward(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static NodeProcess Start(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts a node whose settings are overridden by <paramref name="environment"/> (e.g. ACTORBROKER__actorbroker__journal__plugin).</summary>
    public static NodeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A free port: tests run side by side, and 5672 may belong to another broker on the machine.
        start.Environment["ACTORBROKER__actorbroker__amqp__port"] = "0";
        start.Environment["ACTORBROKER__actorbroker__management__port"] = "0";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ActorBroker.Server.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return new NodeProcess(Process.Start(start)!, workingDirectory);
    }

    /// <summary>Waits until the node listens for AMQP (it does once its durable queues are recovered) and returns the port.</summary>
    public async Task<int> WaitForAmqpPortAsync(TimeSpan timeout)
    {
        var listening = await WaitForLineAsync("AMQP 0-9-1 listener on", timeout);
        return int.Parse(ListeningPort().Match(listening).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; fails with everything read so far.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new List<string>();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
            {
                seen.Add(line);
                if (line.Contains(text, StringComparison.Ordinal))
                    return line;
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException($"no line with '{text}' within {timeout}; the node wrote:\n{string.Join('\n', seen)}");
    }

    /// <summary>Waits for the management API's listening line and returns its base address.</summary>
    public async Task<Uri> WaitForManagementAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync("management listening on ", timeout);
        return new Uri(ManagementAddress().Match(line).Groups[1].Value);
    }

    /// <summary>Every line the node wrote so far, also those a wait read past: what a failed test shows.</summary>
    public IEnumerable<string> Output => _output;

    /// <summary>The node's process id, e.g. to read its CPU time.</summary>
    public int Pid => _process.Id;

    /// <summary>The management API's base address, from a line already written (it comes before the AMQP listener's).</summary>
    public Uri ManagementAddressWritten() => new(ManagementAddress().Match(string.Join('\n', _output)).Groups[1].Value);

    public void SendSigterm()
    {
        if (kill(_process.Id, Sigterm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power under the node.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_output)
        {
            _logCopy?.Dispose();
        }
    }

    private void Forward(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
                _lines.Writer.TryComplete();
        }
        else
        {
            _output.Enqueue(line);
            _lines.Writer.TryWrite(line);
            lock (_output)
            {
                if (_logCopy?.BaseStream is not null)
                    _logCopy.WriteLine(line);
            }
        }
    }

    private const int Sigterm = 15;

    [GeneratedRegex(@"management listening on (http://\S+)")]
    private static partial Regex ManagementAddress();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [GeneratedRegex(@"listener on [^:]+:(\d+)")]
    private static partial Regex ListeningPort();
}
