namespace ActorBroker.Server.Alarms;

/// <summary>What the <see cref="AlarmMonitor"/> samples; tests substitute their own numbers.</summary>
public interface IResourceProbe
{
    /// <summary>The bytes the node uses now and the bytes available to it in all (RAM, or the container's limit).</summary>
    MemoryUsage ReadMemory();

    /// <summary>The free bytes on the disk holding the data directory.</summary>
    long ReadDiskFree();
}

/// <summary>A memory sample: bytes used by the node and bytes available to it.</summary>
public readonly record struct MemoryUsage(long Used, long Total);
