using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// <c>delayed-backlog [count]</c>: publishes that many (default 1,000,000) confirmed 1 KiB persistent messages with an
/// <c>x-delay</c> of one hour to a durable <c>x-delayed-message</c> exchange on SQLite, so all stay pending, and prints
/// the process's resident set and live managed heap. Fails (exit code 1) when the peak reaches 1 GiB: past the window
/// of bodies, a pending message must cost its due time and id only, not its body.
/// </summary>
internal static class DelayedBacklog
{
    public const string Mode = "delayed-backlog";
    private const double BudgetMiB = 1024;
    private const int Window = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("actorbroker-delayed-").FullName;
        try
        {
            await using var node = await BacklogNode.StartAsync(Path.Combine(folder, "journal.db"));
            await node.Channel.DeclareExchangeAsync("later", new ExchangeSettings(ExchangeType.DelayedMessage, Arguments: new Headers { ["x-delayed-type"] = "fanout" }));
            await node.Channel.BindQueueAsync(BacklogNode.Queue, "later", "");
            var properties = new BasicProperties { DeliveryMode = DeliveryMode.Persistent, Headers = new Headers { ["x-delay"] = 3_600_000 } };
            var clock = Stopwatch.StartNew();
            var confirms = new Task<bool>[Window];
            for (var sent = 0; sent < count;)
            {
                var batch = Math.Min(Window, count - sent);
                for (var i = 0; i < batch; i++, sent++)
                {
                    var body = new byte[BacklogNode.BodySize];
                    BinaryPrimitives.WriteInt64LittleEndian(body, sent);
                    confirms[i] = node.Channel.PublishAsync("later", "", body, properties);
                }

                if ((await Task.WhenAll(confirms.Take(batch))).Any(confirmed => !confirmed))
                {
                    throw new InvalidOperationException("The delayed exchange refused published messages.");
                }

                if (sent % (count / 10 == 0 ? count : count / 10) == 0)
                {
                    Console.WriteLine($"  {sent,10:N0} pending, {clock.Elapsed.TotalSeconds,6:F1} s, peak RSS {BacklogNode.PeakRssMiB():F0} MiB, managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0):F0} MiB");
                }
            }

            var published = clock.Elapsed;
            var live = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);
            using var process = Process.GetCurrentProcess();
            var peak = BacklogNode.PeakRssMiB();
            Console.WriteLine($"messages:          {count:N0} x {BacklogNode.BodySize} B persistent, x-delay 1 h, one durable delayed exchange, SQLite");
            Console.WriteLine($"published in       {published.TotalSeconds:F1} s ({count / published.TotalSeconds:N0} msg/s, all confirmed)");
            Console.WriteLine($"RSS now {process.WorkingSet64 / (1024.0 * 1024.0):F0} MiB, peak {peak:F0} MiB (budget {BudgetMiB:F0} MiB); live managed heap {live:F0} MiB");
            return peak < BudgetMiB ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
