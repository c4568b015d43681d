namespace ActorBroker.Cli.Perf;

/// <summary>Runs every selected workload against every broker of a <see cref="PerfSettings"/>, in that order.</summary>
internal static class PerfSession
{
    public static async Task<IReadOnlyList<WorkloadResult>> RunAsync(PerfSettings settings, IPerfProgress progress, CancellationToken cancellationToken)
    {
        var results = new List<WorkloadResult>();
        foreach (var workload in settings.Workloads)
        {
            foreach (var broker in settings.Brokers)
            {
                var task = progress.Begin($"{workload.Name} @ {BrokerConnector.Describe(broker)}", settings.Duration);
                using var run = new WorkloadRun(workload, broker, settings.Duration, settings.Size);
                results.Add(await run.RunAsync(task, cancellationToken).ConfigureAwait(false));
            }
        }
        return results;
    }
}
