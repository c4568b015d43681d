using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorBroker.Cli.Perf;

/// <summary>Writes results as an aligned text table or as JSON, with the first broker's ratio to each other broker per workload.</summary>
internal static class PerfReport
{
    private static readonly string[] s_columns = ["workload", "broker", "msgs/s", "p50 us", "p95 us", "p99 us", "max us", "sent", "delivered", "lost", "dup", "unexpected", "nacked"];

    // Shown only when some workload's publishers waited for confirms.
    private static readonly string[] s_confirmColumns = ["confirm p50 us", "confirm p99 us"];

    // Shown only when some broker's processes were watched.
    private static readonly string[] s_cpuColumns = ["node cpu us/msg", "db cpu us/msg", "perf cpu us/msg"];

    public static string Table(IReadOnlyList<WorkloadResult> results)
    {
        var confirms = results.Any(r => r.ConfirmLatency is not null);
        var cpu = results.Any(r => r.Cpu is not null);
        string[] columns = [.. s_columns, .. confirms ? s_confirmColumns : [], .. cpu ? s_cpuColumns : []];
        var rows = results.Select(r => r.Error is not null ? Failed(r, columns.Length) : new[]
        {
            r.Workload, r.Broker, Number(r.MessagesPerSecond), Number(r.Latency.P50), Number(r.Latency.P95), Number(r.Latency.P99), Number(r.Latency.Max),
            Count(r.Sent), Count(r.Deliveries.Received), Count(r.Deliveries.Lost), Count(r.Deliveries.Duplicated), Count(r.Deliveries.Unexpected), Count(r.Nacked),
        }.Concat(confirms ? ConfirmCells(r.ConfirmLatency) : []).Concat(cpu ? CpuCells(r.Cpu) : []).ToArray()).Prepend(columns).ToList();
        var widths = columns.Select((_, i) => rows.Max(row => row[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i < 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        foreach (var ratio in Ratios(results))
            text.AppendLine(CultureInfo.InvariantCulture, $"{ratio.Workload}: {ratio.First} / {ratio.Second}: msgs/s x{ratio.Throughput:0.00}, p99 latency x{ratio.P99:0.00}");
        return text.ToString();
    }

    public static string Json(IReadOnlyList<WorkloadResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("results");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("workload", r.Workload);
                json.WriteString("broker", r.Broker);
                json.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
                json.WriteNumber("msgsPerSecond", Math.Round(r.MessagesPerSecond, 1));
                json.WriteNumber("p50Micros", Math.Round(r.Latency.P50, 1));
                json.WriteNumber("p95Micros", Math.Round(r.Latency.P95, 1));
                json.WriteNumber("p99Micros", Math.Round(r.Latency.P99, 1));
                json.WriteNumber("maxMicros", Math.Round(r.Latency.Max, 1));
                if (r.ConfirmLatency is { } confirm)
                {
                    json.WriteNumber("confirmP50Micros", Math.Round(confirm.P50, 1));
                    json.WriteNumber("confirmP95Micros", Math.Round(confirm.P95, 1));
                    json.WriteNumber("confirmP99Micros", Math.Round(confirm.P99, 1));
                    json.WriteNumber("confirmMaxMicros", Math.Round(confirm.Max, 1));
                }
                json.WriteNumber("sent", r.Sent);
                json.WriteNumber("delivered", r.Deliveries.Received);
                json.WriteNumber("lost", r.Deliveries.Lost);
                json.WriteNumber("duplicated", r.Deliveries.Duplicated);
                json.WriteNumber("unexpected", r.Deliveries.Unexpected);
                json.WriteNumber("nacked", r.Nacked);
                if (r.Cpu is { } cpu)
                {
                    json.WriteNumber("nodeCpuMicrosPerMessage", Math.Round(cpu.NodeMicros, 2));
                    if (cpu.DatabaseMicros is { } database)
                        json.WriteNumber("databaseCpuMicrosPerMessage", Math.Round(database, 2));
                    json.WriteNumber("clientCpuMicrosPerMessage", Math.Round(cpu.ClientMicros, 2));
                }
                if (r.Error is not null)
                    json.WriteString("error", r.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("ratios");
            foreach (var ratio in Ratios(results))
            {
                json.WriteStartObject();
                json.WriteString("workload", ratio.Workload);
                json.WriteString("first", ratio.First);
                json.WriteString("second", ratio.Second);
                json.WriteNumber("msgsPerSecond", Math.Round(ratio.Throughput, 3));
                json.WriteNumber("p99", Math.Round(ratio.P99, 3));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string[] Failed(WorkloadResult r, int columns) =>
        [r.Workload, r.Broker, "failed", .. Enumerable.Repeat("-", columns - 3)];

    private static string[] ConfirmCells(LatencySummary? confirm) => confirm is { } c
        ? [Number(c.P50), Number(c.P99)]
        : ["-", "-"];

    private static string[] CpuCells(CpuCost? cpu) => cpu is { } c
        ? [Number(c.NodeMicros), c.DatabaseMicros is { } database ? Number(database) : "-", Number(c.ClientMicros)]
        : ["-", "-", "-"];

    private static IEnumerable<Ratio> Ratios(IReadOnlyList<WorkloadResult> results) =>
        results.Where(r => r.Error is null).GroupBy(r => r.Workload).SelectMany(group =>
        {
            var first = group.First();
            return group.Skip(1).Select(other => new Ratio(
                first.Workload, first.Broker, other.Broker, Divide(first.MessagesPerSecond, other.MessagesPerSecond), Divide(first.Latency.P99, other.Latency.P99)));
        });

    private static double Divide(double a, double b) => b == 0 ? 0 : a / b;

    private static string Number(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Ratio(string Workload, string First, string Second, double Throughput, double P99);
}
