using System.CommandLine;
using System.CommandLine.Parsing;
using ActorBroker.Cli.Amqp;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// <c>actorbroker perf</c>: standard load workloads against any AMQP 0-9-1 broker URL, printing msgs/s,
/// latency percentiles and lost/duplicated counts; with <c>--compare-url</c> the same workloads run
/// against a second broker and the ratio is printed.
/// </summary>
internal static class PerfCommand
{
    private const int MaxSize = 64 * 1024 * 1024;

    public static Command Create()
    {
        var url = new Option<Uri[]>("--url")
        {
            Description = "The broker to measure; repeated: the nodes of one cluster, over which queues and clients are spread (see --placement)",
            DefaultValueFactory = _ => [new Uri("amqp://guest:guest@127.0.0.1:5672/")],
            CustomParser = ParseUrls,
            AllowMultipleArgumentsPerToken = false,
        };
        var placement = new Option<ClientPlacement>("--placement")
        {
            Description = "With several --url: queue i is declared on node i mod N, its clients connect to that node (owner) or to the next one (remote)",
            DefaultValueFactory = _ => ClientPlacement.Owner,
        };
        var nodePids = new Option<int[]>("--node-pids")
        {
            Description = "Process ids of the measured broker's nodes on this machine, e.g. 4711,4712: reports their CPU time per message",
            CustomParser = ParsePids,
            AllowMultipleArgumentsPerToken = false,
        };
        var databasePid = new Option<int?>("--database-pid")
        {
            Description = "Process id of the PostgreSQL server (postmaster) under the broker's journal: reports its CPU time per message, backends included",
            CustomParser = result => ParsePids(result).FirstOrDefault(),
        };
        var compare = new Option<Uri[]>("--compare-url")
        {
            Description = "Another broker to run the same workloads against; ratios are first/second (repeatable)",
            CustomParser = ParseUrls,
            AllowMultipleArgumentsPerToken = false,
        };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long each workload publishes, e.g. 10s, 500ms, 1m",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
            CustomParser = ParseDuration,
        };
        var size = new Option<int>("--size")
        {
            Description = $"Message body size in bytes ({PerfMessage.HeaderSize} to {MaxSize})",
            DefaultValueFactory = _ => 128,
        };
        size.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < PerfMessage.HeaderSize or > MaxSize)
                result.AddError($"--size must be between {PerfMessage.HeaderSize} (the id and timestamp every message carries) and {MaxSize} bytes, got {value}");
        });
        var workload = new Option<string>("--workload")
        {
            Description = "Which workload to run: " + string.Join(", ", WorkloadCatalog.Names),
            DefaultValueFactory = _ => WorkloadCatalog.All,
        };
        workload.AcceptOnlyFromAmong([.. WorkloadCatalog.Names]);
        var output = new Option<PerfOutput>("--output")
        {
            Description = "table or json",
            DefaultValueFactory = _ => PerfOutput.Table,
        };
        var command = new Command("perf", "Measure an AMQP broker with standard workloads: msgs/s, latency percentiles, lost and duplicated messages")
        {
            url, placement, nodePids, databasePid, compare, duration, size, workload, output,
        };
        command.Validators.Add(result =>
        {
            // Counted from the tokens: an option with a bad value has no value to get, and says so itself.
            if (result.GetValue(placement) == ClientPlacement.Remote && (result.GetResult(url)?.Tokens.Count ?? 0) < 2)
                result.AddError("--placement remote needs the nodes of a cluster: give --url once per node, at least twice");
            if (result.GetResult(databasePid) is not null && result.GetResult(nodePids) is null)
                result.AddError("--database-pid needs --node-pids: CPU is reported per message for the broker's nodes and its database together");
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var processes = parseResult.GetValue(nodePids) is { Length: > 0 } pids ? new BrokerProcesses(pids, parseResult.GetValue(databasePid)) : null;
            var measured = new PerfBroker(parseResult.GetValue(url)!, parseResult.GetValue(placement), processes);
            var settings = new PerfSettings(
                [measured, .. (parseResult.GetValue(compare) ?? []).Select(other => new PerfBroker([other]))],
                parseResult.GetValue(duration),
                parseResult.GetValue(size),
                WorkloadCatalog.Select(parseResult.GetValue(workload)!),
                parseResult.GetValue(output));
            return RunAsync(settings, parseResult.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(PerfSettings settings, InvocationConfiguration console, CancellationToken invocationToken)
    {
        // Ctrl-C and SIGTERM stop the run through cancellation, so each workload still deletes the queues it declared.
        using var stop = new StopSignals(invocationToken);
        var cancellationToken = stop.Token;
        IReadOnlyList<WorkloadResult> results = [];
        try
        {
            if (settings.Output == PerfOutput.Json || Console.IsOutputRedirected)
                results = await PerfSession.RunAsync(settings, SilentProgress.Instance, cancellationToken).ConfigureAwait(false);
            else
                await SpectreProgress.RunAsync(async progress => results = await PerfSession.RunAsync(settings, progress, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (BrokerConnectionException e)
        {
            await console.Error.WriteLineAsync($"actorbroker perf: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("actorbroker perf: interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        await console.Output.WriteAsync(settings.Output == PerfOutput.Json ? PerfReport.Json(results) : PerfReport.Table(results)).ConfigureAwait(false);
        var dirty = results.Where(r => !r.IsClean).ToList();
        foreach (var r in dirty)
        {
            var problem = r.Error ?? $"{r.Deliveries.Lost} lost, {r.Deliveries.Duplicated} duplicated, {r.Deliveries.Unexpected} unexpected";
            await console.Error.WriteLineAsync($"actorbroker perf: {r.Workload} against {r.Broker}: {problem}").ConfigureAwait(false);
        }
        return dirty.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static Uri[] ParseUrls(ArgumentResult result) => [.. result.Tokens.Select(token => ParseUrl(result, token.Value))];

    /// <summary>Process ids, comma-separated or one per option, each of a live process on this machine.</summary>
    private static int[] ParsePids(ArgumentResult result)
    {
        var pids = new List<int>();
        foreach (var text in result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid == 0)
                result.AddError($"not a process id: '{text}'");
            else if (!ProcessCpu.Exists(pid))
                result.AddError($"no process {pid} on this machine whose CPU time can be read (/proc/{pid}/stat)");
            else
                pids.Add(pid);
        }
        return [.. pids];
    }

    private static Uri ParseUrl(ArgumentResult result, string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" && uri.Host.Length > 0)
            return uri;
        result.AddError($"not an AMQP broker URL: '{text}' (expected amqp://user:password@host:port/vhost)");
        return null!;
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (DurationParser.TryParse(text, out var duration))
            return duration;
        result.AddError($"not a duration: '{text}' (expected e.g. 10s, 500ms, 1m)");
        return default;
    }
}
