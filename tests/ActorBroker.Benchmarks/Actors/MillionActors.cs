using System.Diagnostics;
using ActorBroker.Actors;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>
/// <c>million-actors [count]</c>: starts a system with that many idle actors (default 1,000,000), prints the
/// managed bytes per actor and the time to create them and to terminate the system, and fails (exit code
/// 1) when they take 1 GiB or more.
/// </summary>
internal static class MillionActors
{
    public const string Mode = "million-actors";
    private const long Budget = 1L << 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var system = ActorSystem.Create("million");
        var props = Props.Create(() => new IdleActor(count));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(props);
        }

        IdleActor.AllStarted.Wait();
        var created = clock.Elapsed;
        var footprint = GC.GetTotalMemory(forceFullCollection: true) - baseline;

        clock.Restart();
        await system.Terminate().ConfigureAwait(false);
        var stopped = clock.Elapsed;

        Console.WriteLine($"actors:            {count:N0}");
        Console.WriteLine($"created and started in {created.TotalSeconds:F2} s");
        Console.WriteLine($"managed heap:      {footprint / (1024.0 * 1024.0):F1} MiB ({footprint / count} bytes per actor)");
        Console.WriteLine($"terminated in      {stopped.TotalSeconds:F2} s (PostStop ran {IdleActor.Stopped:N0} times)");
        Console.WriteLine($"process peak:      {Environment.WorkingSet / (1024.0 * 1024.0):F1} MiB working set");
        return footprint < Budget && IdleActor.Stopped == count ? 0 : 1;
    }

    /// <summary>An actor with no state that only records that it started and stopped.</summary>
    private sealed class IdleActor : UntypedActor
    {
        private static int s_started;
        private static int s_stopped;
        private readonly int _expected;

        public IdleActor(int expected) => _expected = expected;

        public static ManualResetEventSlim AllStarted { get; } = new();

        public static int Stopped => Volatile.Read(ref s_stopped);

        protected override void PreStart()
        {
            if (Interlocked.Increment(ref s_started) == _expected)
            {
                AllStarted.Set();
            }
        }

        protected override void PostStop() => Interlocked.Increment(ref s_stopped);

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
