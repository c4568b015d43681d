using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Alarms;

public sealed partial class AlarmMonitor
{
    private ResourceAlarms CheckMemory(ResourceAlarms previous)
    {
        var wasSet = previous.HasFlag(ResourceAlarms.Memory);
        MemoryUsage memory;
        try
        {
            memory = _probe.ReadMemory();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogSampleFailed(_logger, "memory", e);
            return previous & ResourceAlarms.Memory;
        }

        var limit = (long)(memory.Total * _settings.MemoryHighWatermark);
        var isSet = memory.Used > limit;
        if (isSet && !wasSet)
        {
            LogMemoryAlarmSet(_logger, memory.Used, limit, _settings.MemoryHighWatermark, memory.Total);
        }
        else if (!isSet && wasSet)
        {
            LogMemoryAlarmCleared(_logger, memory.Used, limit);
        }

        return isSet ? ResourceAlarms.Memory : ResourceAlarms.None;
    }

    private ResourceAlarms CheckDisk(ResourceAlarms previous)
    {
        var wasSet = previous.HasFlag(ResourceAlarms.Disk);
        long free;
        try
        {
            free = _probe.ReadDiskFree();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogSampleFailed(_logger, "disk", e);
            return previous & ResourceAlarms.Disk;
        }

        var isSet = free < _settings.DiskFreeLimit;
        if (isSet && !wasSet)
        {
            LogDiskAlarmSet(_logger, free, _settings.DiskFreeLimit);
        }
        else if (!isSet && wasSet)
        {
            LogDiskAlarmCleared(_logger, free, _settings.DiskFreeLimit);
        }

        return isSet ? ResourceAlarms.Disk : ResourceAlarms.None;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory alarm set: the node uses {Used} bytes, above the high watermark of {Limit} bytes ({Watermark} of {Total}); publishers are blocked.")]
    private static partial void LogMemoryAlarmSet(ILogger logger, long used, long limit, double watermark, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory alarm cleared: the node uses {Used} bytes, below the high watermark of {Limit} bytes.")]
    private static partial void LogMemoryAlarmCleared(ILogger logger, long used, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disk alarm set: {Free} bytes free in the data directory, below the limit of {Limit}; publishers are blocked.")]
    private static partial void LogDiskAlarmSet(ILogger logger, long free, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disk alarm cleared: {Free} bytes free in the data directory, above the limit of {Limit}.")]
    private static partial void LogDiskAlarmCleared(ILogger logger, long free, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resource alarms cleared; publishers are unblocked.")]
    private static partial void LogPublishersUnblocked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample {Resource}; its alarm stays as it was.")]
    private static partial void LogSampleFailed(ILogger logger, string resource, Exception error);
}
