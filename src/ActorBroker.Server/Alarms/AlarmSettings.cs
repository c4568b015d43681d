using ActorBroker.Hocon;

namespace ActorBroker.Server.Alarms;

/// <summary>The resource alarms' settings: <c>actorbroker.alarms.*</c> of the node config.</summary>
/// <param name="MemoryHighWatermark">The fraction of available memory above which the memory alarm is set (0 to 1).</param>
/// <param name="DiskFreeLimit">The free bytes of the data directory's disk below which the disk alarm is set.</param>
/// <param name="CheckInterval">How often memory and disk are sampled.</param>
public sealed record AlarmSettings(double MemoryHighWatermark, long DiskFreeLimit, TimeSpan CheckInterval)
{
    /// <summary>RabbitMQ's defaults for memory (0.4); 1 GB of disk; a sample a second.</summary>
    public static AlarmSettings Default { get; } = new(0.4, 1_000_000_000, TimeSpan.FromSeconds(1));

    /// <exception cref="ConfigException">A setting is missing or has the wrong type.</exception>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static AlarmSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var alarms = config.GetConfig("actorbroker.alarms");
        var watermark = alarms.GetDouble("memory-high-watermark");
        if (!(watermark > 0 && watermark <= 1))
        {
            throw new ArgumentException($"actorbroker.alarms.memory-high-watermark = {watermark} is out of range: expected a fraction of RAM above 0 and at most 1 (e.g. 0.4)");
        }

        var diskFreeLimit = alarms.GetBytes("disk-free-limit");
        if (diskFreeLimit < 0)
        {
            throw new ArgumentException($"actorbroker.alarms.disk-free-limit = {diskFreeLimit} is negative: expected a size such as 1GB");
        }

        var interval = alarms.GetDuration("check-interval", Default.CheckInterval);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"actorbroker.alarms.check-interval = {interval} must be positive (e.g. 1s)");
        }

        return new AlarmSettings(watermark, diskFreeLimit, interval);
    }
}
