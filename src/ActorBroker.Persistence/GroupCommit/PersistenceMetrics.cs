using System.Diagnostics.Metrics;

namespace ActorBroker.Persistence.GroupCommit;

/// <summary>
/// The instruments of meter <see cref="MeterName"/>; every measurement carries the tag <c>journal</c>
/// with the writer's <see cref="GroupCommitOptions.Name"/>.
/// </summary>
public static class PersistenceMetrics
{
    /// <summary>The meter's name, to enable in a MeterListener or an exporter.</summary>
    public const string MeterName = "ActorBroker.Persistence";

    private static readonly Meter s_meter = new(MeterName);

    internal static readonly Counter<long> Batches = s_meter.CreateCounter<long>(
        "actorbroker.journal.batches", "{batch}", "Transactions committed by the group-commit writer");

    internal static readonly Counter<long> Writes = s_meter.CreateCounter<long>(
        "actorbroker.journal.writes", "{write}", "Atomic writes made durable");

    internal static readonly Counter<long> FailedBatches = s_meter.CreateCounter<long>(
        "actorbroker.journal.batches.failed", "{batch}", "Batches whose transaction failed");

    internal static readonly Counter<long> FencedWrites = s_meter.CreateCounter<long>(
        "actorbroker.journal.writes.fenced", "{write}", "Atomic writes refused because another node claimed their persistence id");

    internal static readonly Histogram<double> CommitDuration = s_meter.CreateHistogram<double>(
        "actorbroker.journal.commit.duration", "ms", "Time to write and commit (fsync) one batch");

    internal static readonly Histogram<int> BatchSize = s_meter.CreateHistogram<int>(
        "actorbroker.journal.batch.size", "{write}", "Writes per committed batch");
}
