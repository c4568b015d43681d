using Spectre.Console;

namespace ActorBroker.Cli.Perf;

/// <summary>A live Spectre.Console progress bar per workload and broker, with the running delivery rate.</summary>
internal sealed class SpectreProgress(ProgressContext context) : IPerfProgress
{
    public static Task RunAsync(Func<IPerfProgress, Task> session) =>
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => session(new SpectreProgress(context)));

    public IPerfProgressTask Begin(string label, TimeSpan duration) =>
        new BarTask(context.AddTask(Markup.Escape(label), maxValue: duration.TotalSeconds), Markup.Escape(label));

    private sealed class BarTask(ProgressTask task, string label) : IPerfProgressTask
    {
        public void Update(TimeSpan elapsed, long delivered)
        {
            task.Value = Math.Min(elapsed.TotalSeconds, task.MaxValue);
            var rate = elapsed.TotalSeconds > 0 ? delivered / elapsed.TotalSeconds : 0;
            task.Description = $"{label} [grey]{rate:N0} msgs/s[/]";
        }

        public void Complete()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
