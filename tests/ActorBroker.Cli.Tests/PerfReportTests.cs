using System.Text.Json;
using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public sealed class PerfReportTests
{
    private static readonly WorkloadResult[] s_results =
    [
        Result("amqp://guest@127.0.0.1:5673/", rate: 30_000, p99: 500, lost: 0),
        Result("amqp://guest@127.0.0.1:5672/", rate: 20_000, p99: 1_000, lost: 3),
    ];

    private static WorkloadResult Result(string broker, double rate, double p99, long lost) => new(
        "durable", broker, TimeSpan.FromSeconds(5), 1_000, 0, new DeliveryTally(1_000, 1_000 - lost, lost, 0, 0), rate, new LatencySummary(100, 200, p99, 2 * p99));

    [Fact]
    public void The_table_has_a_row_per_broker_and_the_first_to_second_ratio()
    {
        var lines = PerfReport.Table(s_results).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("workload", lines[0], StringComparison.Ordinal);
        Assert.Contains("30,000", lines[1], StringComparison.Ordinal);
        Assert.Equal("durable: amqp://guest@127.0.0.1:5673/ / amqp://guest@127.0.0.1:5672/: msgs/s x1.50, p99 latency x0.50", lines[3]);
    }

    [Fact]
    public void Json_carries_rates_percentiles_losses_and_ratios()
    {
        using var json = JsonDocument.Parse(PerfReport.Json(s_results));
        var results = json.RootElement.GetProperty("results");

        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal(30_000, results[0].GetProperty("msgsPerSecond").GetDouble());
        Assert.Equal(500, results[0].GetProperty("p99Micros").GetDouble());
        Assert.Equal(3, results[1].GetProperty("lost").GetInt64());
        var ratio = Assert.Single(json.RootElement.GetProperty("ratios").EnumerateArray());
        Assert.Equal(1.5, ratio.GetProperty("msgsPerSecond").GetDouble());
        Assert.Equal(0.5, ratio.GetProperty("p99").GetDouble());
    }

    [Fact]
    public void A_workload_the_broker_broke_off_is_shown_as_failed_and_left_out_of_the_ratios()
    {
        WorkloadResult[] results = [s_results[0], WorkloadResult.Failed("durable", "amqp://guest@127.0.0.1:5672/", "the broker closed the connection or channel: 541")];

        var lines = PerfReport.Table(results).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.Contains("failed", lines[2], StringComparison.Ordinal);
        Assert.False(results[1].IsClean);
        using var json = JsonDocument.Parse(PerfReport.Json(results));
        Assert.Equal(0, json.RootElement.GetProperty("ratios").GetArrayLength());
        Assert.StartsWith("the broker closed", json.RootElement.GetProperty("results")[1].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_per_message_is_shown_for_the_broker_whose_processes_were_watched()
    {
        var (lines, json) = Rendered([s_results[0] with { Cpu = new CpuCost(12.3, null, 45.6) }, s_results[1]]);

        Assert.EndsWith("node cpu us/msg  db cpu us/msg  perf cpu us/msg", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"12\.3\s+-\s+45\.6$", lines[1]);
        Assert.Matches(@"-\s+-\s+-$", lines[2]);
        Assert.Equal(12.3, json[0].GetProperty("nodeCpuMicrosPerMessage").GetDouble());
        Assert.False(json[0].TryGetProperty("databaseCpuMicrosPerMessage", out _));
        Assert.False(json[1].TryGetProperty("nodeCpuMicrosPerMessage", out _));
    }

    [Fact]
    public void Confirm_latency_is_shown_for_workloads_whose_publishers_waited_for_confirms()
    {
        var (lines, json) = Rendered([s_results[0] with { ConfirmLatency = new LatencySummary(310, 400, 620, 900) }, s_results[1]]);

        Assert.EndsWith("confirm p50 us  confirm p99 us", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"310\s+620$", lines[1]);
        Assert.Matches(@"-\s+-$", lines[2]);
        Assert.Equal(310, json[0].GetProperty("confirmP50Micros").GetDouble());
        Assert.Equal(620, json[0].GetProperty("confirmP99Micros").GetDouble());
        Assert.False(json[1].TryGetProperty("confirmP50Micros", out _));
    }

    // The table's lines and the JSON's results of one report.
    private static (string[] Lines, JsonElement[] Results) Rendered(WorkloadResult[] results)
    {
        using var json = JsonDocument.Parse(PerfReport.Json(results));
        return (PerfReport.Table(results).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone())]);
    }
}
