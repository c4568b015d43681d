using System.ComponentModel;
using System.Diagnostics;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>Runs a program from the machine (node, npm) to completion, with a timeout, capturing its output.</summary>
public static class ExternalProcess
{
    public sealed record Outcome(int ExitCode, string Output);

    public static async Task<Outcome> RunAsync(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{program} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds} s.");
        }

        return new Outcome(process.ExitCode, $"{await stdout}{await stderr}");
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"'{start.FileName}' did not start.");
        }
        catch (Win32Exception e)
        {
            // A missing program must fail the test, not skip it: CI machines are expected to have Node.js.
            throw new InvalidOperationException(
                $"'{start.FileName}' could not be started ({e.Message}). The amqplib smoke test needs Node.js and npm on the PATH.", e);
        }
    }
}
