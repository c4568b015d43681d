using System.Diagnostics;
using System.Globalization;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// <c>durable-backlog [count]</c>: publishes that many (default 5,000,000) 1 KiB persistent messages into one
/// durable queue on SQLite with no consumer, then drains them all. Prints the rates and the process's peak
/// resident set, and fails (exit code 1) when the peak reaches 1 GiB or a message is missing or out of order.
/// The journal goes to a temporary folder that is deleted afterwards (5 M messages take about 6 GB of disk).
/// </summary>
internal static class DurableBacklog
{
    public const string Mode = "durable-backlog";
    private const double BudgetMiB = 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 5_000_000;
        var folder = Directory.CreateTempSubdirectory("actorbroker-backlog-").FullName;
        try
        {
            await using var node = await BacklogNode.StartAsync(Path.Combine(folder, "journal.db"));
            var clock = Stopwatch.StartNew();
            var every = Math.Max(count / 10, 1);
            await node.PublishAsync(count, published =>
            {
                if (published % every == 0)
                {
                    Console.WriteLine($"  {published,10:N0} published, {clock.Elapsed.TotalSeconds,6:F1} s, peak RSS {BacklogNode.PeakRssMiB():F0} MiB, managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0):F0} MiB");
                }
            });
            var published = clock.Elapsed;
            var ready = await node.ReadyAsync();
            var peakAfterPublish = BacklogNode.PeakRssMiB();
            var live = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);

            clock.Restart();
            var inOrder = await node.DrainAsync(count);
            var drained = clock.Elapsed;
            var left = await node.ReadyAsync();
            var peak = BacklogNode.PeakRssMiB();

            Console.WriteLine($"messages:          {count:N0} x {BacklogNode.BodySize} B persistent, one durable queue, SQLite");
            Console.WriteLine($"published in       {published.TotalSeconds:F1} s ({count / published.TotalSeconds:N0} msg/s, all confirmed); ready {ready:N0}");
            Console.WriteLine($"peak RSS after publishing {peakAfterPublish:F0} MiB; live managed heap then {live:F0} MiB");
            Console.WriteLine($"drained in         {drained.TotalSeconds:F1} s ({count / drained.TotalSeconds:N0} msg/s); {inOrder:N0} in order with their body, {left:N0} left");
            Console.WriteLine($"peak RSS overall   {peak:F0} MiB (budget {BudgetMiB:F0} MiB)");
            return peak < BudgetMiB && ready == count && inOrder == count && left == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
