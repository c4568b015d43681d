namespace ActorBroker.Server.Hosting;

/// <summary>
/// The file <c>run-state</c> in the node's data directory: "running" while the node runs, "stopped" once a stop has
/// terminated the actor system and committed the journal. Anything else at start (absent, "running", torn) means the
/// last run crashed or was killed. Both states are written in place with the same length and fsynced, so no state
/// relies on a directory entry being durable; a lost one reads as a crash, the conservative side.
/// </summary>
/// <remarks>
/// The data directory belongs to one node, and so does the file: right for a node with its own SQLite journal or its
/// own PostgreSQL database. Nodes sharing one database would each need to know of the others' crashes; not supported.
/// </remarks>
internal static class RunStateFile
{
    public const string FileName = "run-state";

    private static readonly byte[] s_running = "running\n"u8.ToArray();
    private static readonly byte[] s_stopped = "stopped\n"u8.ToArray();

    /// <summary>Marks this run as running (durably, before anything is recovered) and returns whether the last one crashed.</summary>
    public static bool BeginRun(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var stoppedCleanly = File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(s_stopped);
        Write(path, s_running);
        return !stoppedCleanly;
    }

    /// <summary>Marks the run as stopped cleanly; call only once the journal holds everything the node did.</summary>
    public static void EndRun(string dataDirectory) => Write(Path.Combine(dataDirectory, FileName), s_stopped);

    private static void Write(string path, byte[] state)
    {
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
        file.Write(state);
        file.SetLength(state.Length);
        file.Flush(flushToDisk: true);
    }
}
