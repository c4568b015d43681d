namespace ActorBroker.Persistence.GroupCommit;

/// <summary>Settings of a node's group-commit <see cref="JournalWriter"/>.</summary>
public sealed record GroupCommitOptions
{
    private readonly int _maxBatch = 500;
    private readonly int _maxQueue = 100_000;

    /// <summary>Most writes committed in one transaction; a larger backlog is split into several.</summary>
    public int MaxBatch
    {
        get => _maxBatch;
        init => _maxBatch = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBatch), value, "MaxBatch must be at least 1.");
    }

    /// <summary>Most writes waiting for a batch; a write beyond it fails at once instead of growing memory without limit.</summary>
    public int MaxQueue
    {
        get => _maxQueue;
        init => _maxQueue = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxQueue), value, "MaxQueue must be at least 1.");
    }

    /// <summary>Names the writer in metrics (tag <c>journal</c>) and in error messages.</summary>
    public string Name { get; init; } = "journal";
}
