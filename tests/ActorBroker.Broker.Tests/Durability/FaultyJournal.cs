using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sqlite;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>A SQLite journal whose writes fail while <see cref="Broken"/> is set, like a full disk, or wait at a gate, and whose queue journals can be held unreadable.</summary>
internal sealed class FaultyJournal(SqliteJournal inner) : IJournal, ISnapshotStore
{
    public volatile bool Broken;

    /// <summary>While set and not completed, queues' journals cannot be read: their recovery waits for it.</summary>
    public volatile TaskCompletionSource? QueueReplayGate;

    /// <summary>While set and not completed, writes wait for it, like a slow disk; <see cref="WriteHeld"/> tells when one does.</summary>
    public volatile TaskCompletionSource? WriteGate;

    public TaskCompletionSource WriteHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While set, the first batch holding a write it matches fails, and it is cleared: one failed write.</summary>
    public volatile Func<AtomicWrite, bool>? FailOnce;

    public async Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (Broken || (FailOnce is { } fail && writes.Any(fail) && Interlocked.Exchange(ref FailOnce, null) is not null))
        {
            throw new IOException("No space left on device (simulated).");
        }

        if (WriteGate is { } gate)
        {
            WriteHeld.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        await inner.WriteAsync(writes, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public async IAsyncEnumerable<ReplayItem> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (QueueReplayGate is { } gate && persistenceId.StartsWith("queue/", StringComparison.Ordinal))
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        await foreach (var item in inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task<long> ClaimAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(persistenceId, cancellationToken);

    public Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteUpToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task QuarantineAsync(string persistenceId, long sequenceNr, string reason, CancellationToken cancellationToken = default) =>
        inner.QuarantineAsync(persistenceId, sequenceNr, reason, cancellationToken);

    public Task<IReadOnlyList<QuarantinedEvent>> ReadQuarantineAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadQuarantineAsync(persistenceId, cancellationToken);

    public Task SaveSnapshotAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default) =>
        inner.SaveSnapshotAsync(snapshot, cancellationToken);

    public Task<SnapshotRecord?> LoadSnapshotAsync(string persistenceId, SnapshotSelection selection, CancellationToken cancellationToken = default) =>
        inner.LoadSnapshotAsync(persistenceId, selection, cancellationToken);

    public Task DeleteSnapshotsAsync(string persistenceId, SnapshotSelection selection, CancellationToken cancellationToken = default) =>
        inner.DeleteSnapshotsAsync(persistenceId, selection, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
