namespace ActorBroker.Server.Alarms;

/// <summary>
/// The real probe: the process working set against the memory the GC sees as available (which honours a
/// container's limit), and the free space of the drive holding the data directory.
/// </summary>
public sealed class SystemResourceProbe : IResourceProbe
{
    private readonly string _dataDirectory;

    public SystemResourceProbe(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        _dataDirectory = Path.GetFullPath(dataDirectory);
    }

    public MemoryUsage ReadMemory() => new(Environment.WorkingSet, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    public long ReadDiskFree() => new DriveInfo(NearestExisting(_dataDirectory)).AvailableFreeSpace;

    // The data directory may not exist yet (the journal creates it): its nearest existing parent is on the same disk.
    private static string NearestExisting(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent)
        {
            current = parent;
        }

        return current;
    }
}
