using ActorBroker.Server.Alarms;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>A probe that reports whatever the test sets: 1 GiB of memory, a quarter used, and 50 GB of free disk: no alarm.</summary>
public sealed class FakeResourceProbe : IResourceProbe
{
    public long MemoryUsed { get; set; } = 256L * 1024 * 1024;

    public long MemoryTotal { get; set; } = 1024L * 1024 * 1024;

    public long DiskFree { get; set; } = 50_000_000_000;

    /// <summary>When set, reading the disk throws it.</summary>
    public Exception? DiskError { get; set; }

    public MemoryUsage ReadMemory() => new(MemoryUsed, MemoryTotal);

    public long ReadDiskFree() => DiskError is { } error ? throw error : DiskFree;
}
