namespace ActorBroker.Management.Resources;

/// <summary>
/// GET /api/nodes: one per member of the cluster, as the answering node sees the membership. <paramref name="Running"/>
/// is true for a member that answered; the resource fields (uptime to processor count) are the member's own
/// figures, and null for a member that did not answer (unreachable, or leaving). <paramref name="Ready"/> is true once
/// recovery has finished and the listeners accept clients; <paramref name="Journal"/> is the journal plugin
/// (sqlite or postgresql); <paramref name="MemberStatus"/> is Akka's membership status (up, joining, leaving, …).
/// </summary>
public sealed record NodeResource(
    string Name,
    bool Running,
    string AkkaAddress,
    string MemberStatus,
    bool Ready,
    double? UptimeSeconds,
    string? Journal,
    long? MemoryUsedBytes,
    long? MemoryLimitBytes,
    bool? MemoryAlarm,
    long? DiskFreeBytes,
    long? DiskFreeLimitBytes,
    bool? DiskAlarm,
    long? GcHeapBytes,
    int? ProcessorCount);
