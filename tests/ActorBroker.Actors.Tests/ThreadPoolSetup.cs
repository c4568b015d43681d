using System.Runtime.CompilerServices;

namespace ActorBroker.Actors.Tests;

internal static class ThreadPoolSetup
{
    /// <summary>
    /// Several tests block a pool thread on purpose (a gated actor holds its turn so messages pile up), and
    /// test classes run in parallel; a larger minimum keeps the rest of the suite from waiting for the pool
    /// to grow, which on a 2-core machine would stall timing-sensitive tests.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }
}
