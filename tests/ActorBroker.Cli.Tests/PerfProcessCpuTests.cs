using System.Diagnostics;
using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public sealed class PerfProcessCpuTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_process_counted_with_its_children_includes_the_cpu_time_of_a_busy_child()
    {
        using var child = Process.Start(new ProcessStartInfo("bash", ["-c", "while :; do :; done"]))!;
        try
        {
            var self = Environment.ProcessId;
            var waited = Stopwatch.StartNew();
            // Some CPU time of the child's own (at least 50 ms), so that counting it shows.
            while (ProcessCpu.Total([child.Id], withChildren: false) < TimeSpan.FromMilliseconds(50))
            {
                Assert.True(waited.Elapsed < s_timeout, "the busy child got no CPU time");
                await Task.Delay(20);
            }

            var alone = ProcessCpu.Total([self], withChildren: false);
            var childTime = ProcessCpu.Total([child.Id], withChildren: false);
            var withChildren = ProcessCpu.Total([self], withChildren: true);

            Assert.True(withChildren >= alone + childTime, $"{withChildren} with children, {alone} alone, {childTime} the child");
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void A_process_that_does_not_exist_is_not_readable_and_counts_nothing()
    {
        Assert.False(ProcessCpu.Exists(int.MaxValue));
        Assert.Equal(TimeSpan.Zero, ProcessCpu.Total([int.MaxValue], withChildren: true));
    }
}
