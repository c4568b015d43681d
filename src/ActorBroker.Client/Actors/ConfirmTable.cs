using System.Collections.Concurrent;
using ActorBroker.Client.Protocol;

namespace ActorBroker.Client.Actors;

/// <summary>
/// The publishes of a <see cref="BrokerClient"/> waiting for their confirm, by sequence number. A publish is sent
/// with the client actor as its sender, so the session's <see cref="Confirm"/> comes back to that actor, which
/// completes the waiting task here: no temporary actor per publish, as an Ask would create.
/// </summary>
internal sealed class ConfirmTable
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Confirm>> _waiting = new();
    private long _lastSequence;

    public Task<Confirm> Register(out long sequence)
    {
        sequence = Interlocked.Increment(ref _lastSequence);
        var confirm = new TaskCompletionSource<Confirm>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[sequence] = confirm;
        return confirm.Task;
    }

    /// <summary>Completes the publish the confirm answers; one that gave up waiting is gone already.</summary>
    public void Complete(Confirm confirm)
    {
        if (_waiting.TryRemove(confirm.Sequence, out var waiting))
        {
            waiting.TrySetResult(confirm);
        }
    }

    public void Forget(long sequence) => _waiting.TryRemove(sequence, out _);
}
