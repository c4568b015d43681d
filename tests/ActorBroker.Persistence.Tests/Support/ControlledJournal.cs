using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.Tests.Support;

/// <summary>
/// Wraps a real journal so a test can hold a batch in its commit (to let writes pile up), make batches
/// fail as a broken store would, and see the size of every batch the writer sent.
/// </summary>
internal sealed class ControlledJournal(IJournal inner) : IJournal
{
    private readonly ConcurrentQueue<int> _batchSizes = new();
    private TaskCompletionSource? _gate;
    private readonly TaskCompletionSource _gateEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, every batch fails with this exception instead of reaching the store.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<int> BatchSizes => [.. _batchSizes];

    /// <summary>The next batch waits in its commit until <see cref="OpenGate"/>; awaiting the task waits until it is held.</summary>
    public Task CloseGate()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _gateEntered.Task;
    }

    public void OpenGate() => _gate?.TrySetResult();

    public async Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        _batchSizes.Enqueue(writes.Count);
        if (_gate is { } gate)
        {
            _gateEntered.TrySetResult();
            await gate.Task;
            _gate = null;
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        await inner.WriteAsync(writes, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    /// <summary>When set, replay waits for this task before reading anything (to keep an actor in recovery).</summary>
    public Task? ReplayGate { get; set; }

    public async IAsyncEnumerable<ReplayItem> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (ReplayGate is { } gate)
        {
            await gate;
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

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
