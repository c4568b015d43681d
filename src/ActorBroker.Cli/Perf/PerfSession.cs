using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// Runs every selected workload against every broker of a <see cref="PerfSettings"/>, in that order. A broker
/// that closes a channel or connection mid-run fails that workload only; one that cannot be reached at all
/// stops the session with a <see cref="Amqp.BrokerConnectionException"/>.
/// </summary>
internal static class PerfSession
{
    public static async Task<IReadOnlyList<WorkloadResult>> RunAsync(PerfSettings settings, IPerfProgress progress, CancellationToken cancellationToken)
    {
        var results = new List<WorkloadResult>();
        foreach (var workload in settings.Workloads)
        {
            foreach (var broker in settings.Brokers)
            {
                var task = progress.Begin($"{workload.Name} @ {broker.Name}", settings.Duration);
                using var run = new WorkloadRun(workload, broker, settings.Duration, settings.Size);
                try
                {
                    results.Add(await run.RunAsync(task, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException)
                {
                    task.Complete();
                    results.Add(WorkloadResult.Failed(workload.Name, broker.Name, "the broker closed the connection or channel: " + e.Message));
                }
            }
        }
        return results;
    }
}
