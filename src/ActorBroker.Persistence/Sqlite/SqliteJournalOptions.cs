namespace ActorBroker.Persistence.Sqlite;

/// <summary>Where the SQLite journal keeps its file and how long a statement waits for a locked database.</summary>
public sealed record SqliteJournalOptions(string Path)
{
    /// <summary>The journal file's name inside a node's data directory.</summary>
    public const string FileName = "journal.db";

    /// <summary>How long a statement waits for another connection's lock before it fails; whole seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Options for the journal file of a node whose data lives under <paramref name="dataDirectory"/>.</summary>
    public static SqliteJournalOptions InDataDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return new SqliteJournalOptions(System.IO.Path.Combine(dataDirectory, FileName));
    }
}
