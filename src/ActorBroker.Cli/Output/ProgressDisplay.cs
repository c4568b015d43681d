using Spectre.Console;

namespace ActorBroker.Cli.Output;

/// <summary>
/// A Spectre progress bar for long work, shown only to a person at a terminal (<see cref="CliOutput.ShowsProgress"/>);
/// redirected or JSON output runs the same work silently.
/// </summary>
internal static class ProgressDisplay
{
    /// <param name="output">Where the bar would show.</param>
    /// <param name="label">What the work is.</param>
    /// <param name="total">The amount of work, or null when it is unknown (an indeterminate bar).</param>
    /// <param name="work">The work; it reports how much of <paramref name="total"/> it has done.</param>
    public static async Task<T> RunAsync<T>(CliOutput output, string label, double? total, Func<Action<double>, Task<T>> work)
    {
        if (!output.ShowsProgress)
            return await work(_ => { }).ConfigureAwait(false);
        return await output.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                var result = await work(done => task.Value = Math.Min(done, task.MaxValue)).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            }).ConfigureAwait(false);
    }
}
