using System.Diagnostics;
using System.Reflection;

namespace ActorBroker.Cli.Tests;

/// <summary>Runs the built <c>actorbroker.dll</c> from the CLI project's own output folder with <c>dotnet</c>.</summary>
internal static class CliRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static readonly string s_cliPath = Path.GetFullPath(
        typeof(CliRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ActorBrokerCliPath").Value!);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!File.Exists(s_cliPath))
            throw new FileNotFoundException($"the CLI is not built at {s_cliPath}", s_cliPath);
        start.ArgumentList.Add(s_cliPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
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
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
