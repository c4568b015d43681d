namespace ActorBroker.Management.Resources;

/// <summary>
/// GET /api/nodes (a list of one today): the node's resources and alarms. <paramref name="Ready"/> is true once
/// recovery has finished and the listeners accept clients; <paramref name="Journal"/> is the journal plugin
/// (sqlite or postgresql).
/// </summary>
public sealed record NodeResource(
    string Name,
    double UptimeSeconds,
    bool Ready,
    string Journal,
    long MemoryUsedBytes,
    long MemoryLimitBytes,
    bool MemoryAlarm,
    long DiskFreeBytes,
    long DiskFreeLimitBytes,
    bool DiskAlarm,
    long GcHeapBytes,
    int ProcessorCount);
