namespace ActorBroker.Server.Alarms;

/// <summary>The resource alarms that are set; publishers are blocked while any is.</summary>
[Flags]
public enum ResourceAlarms
{
    None = 0,

    /// <summary>The node uses more memory than the high watermark allows.</summary>
    Memory = 1,

    /// <summary>The data directory's disk has less free space than the limit.</summary>
    Disk = 2,
}
