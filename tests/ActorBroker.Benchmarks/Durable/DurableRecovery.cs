using System.Diagnostics;
using System.Globalization;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// <c>durable-recovery [count]</c>: publishes that many (default 1,000,000) 1 KiB persistent messages into one
/// durable queue on SQLite, stops the node, starts another on the same journal file and times how long it
/// takes until the queue reports them all ready; then consumes a few to show the bodies are readable. Fails
/// (exit code 1) when recovery takes 5 s or more or a message is wrong.
/// </summary>
internal static class DurableRecovery
{
    public const string Mode = "durable-recovery";
    private const int Sample = 1000;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("actorbroker-recovery-").FullName;
        var journal = Path.Combine(folder, "journal.db");
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var node = await BacklogNode.StartAsync(journal))
            {
                await node.PublishAsync(count);
            }

            Console.WriteLine($"published and stopped in {clock.Elapsed.TotalSeconds:F1} s; journal {new FileInfo(journal).Length / (1024.0 * 1024.0):N0} MiB");
            GC.Collect();

            clock.Restart();
            await using var restarted = await BacklogNode.StartAsync(journal);
            var ready = await restarted.ReadyAsync();
            var recovered = clock.Elapsed;

            clock.Restart();
            var inOrder = await restarted.DrainAsync(Sample);
            var firstDeliveries = clock.Elapsed;

            Console.WriteLine($"recovered          {ready:N0} ready messages of {count:N0} in {recovered.TotalSeconds:F2} s (budget {s_budget.TotalSeconds:F0} s)");
            Console.WriteLine($"first {Sample:N0} consumed in {firstDeliveries.TotalMilliseconds:F0} ms, {inOrder:N0} in order with their body");
            Console.WriteLine($"peak RSS           {BacklogNode.PeakRssMiB():F0} MiB");
            return recovered < s_budget && ready == count && inOrder == Sample ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
