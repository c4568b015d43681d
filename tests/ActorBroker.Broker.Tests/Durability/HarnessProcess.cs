using System.Diagnostics;
using System.Threading.Channels;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>The crash harness (tests/ActorBroker.CrashHarness) as a child process, its stdout read line by line.</summary>
internal sealed class HarnessProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _errors = new();

    private HarnessProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                _outputClosed.TrySetResult();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote to stderr so far, for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static HarnessProcess Start(params string[] args)
    {
        // The harness is built beside this test project: tests/ActorBroker.CrashHarness/bin/<configuration>/<tfm>/.
        var dll = Path.GetFullPath(Path.Combine(
            AppContext.BaseDirectory.Replace("ActorBroker.Broker.Tests", "ActorBroker.CrashHarness", StringComparison.Ordinal),
            "ActorBroker.CrashHarness.dll"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new HarnessProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start the crash harness {dll}."));
    }

    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash of the node.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        await _outputClosed.Task;
    }

    /// <summary>Every line the process writes until it exits, and its exit code.</summary>
    public async Task<(List<string> Lines, int ExitCode)> RunToEndAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
        {
            lines.Add(line);
        }

        await _process.WaitForExitAsync(cancel.Token);
        return (lines, _process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
