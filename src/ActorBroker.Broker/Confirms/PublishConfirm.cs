namespace ActorBroker.Broker.Confirms;

/// <summary>
/// Collects the answers of the queues one publish (or one confirm barrier) went to. Completes with true when
/// every queue accepted, false when any refused. Queues settle it from their own threads. A queue on another node
/// settles a <see cref="Remoting.RelayedConfirm"/> in its place, which sends the answer back to this one.
/// </summary>
internal class PublishConfirm
{
    private readonly TaskCompletionSource<bool>? _completion;
    private int _remaining;
    private int _refused;

    public PublishConfirm(int queues)
    {
        _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _remaining = queues;
        if (queues == 0)
        {
            _completion.SetResult(true);
        }
    }

    /// <summary>For a confirm that settles elsewhere (<see cref="Remoting.RelayedConfirm"/>): nobody awaits it here.</summary>
    protected PublishConfirm()
    {
    }

    public Task<bool> Task => _completion?.Task
        ?? throw new InvalidOperationException("A relayed confirm is answered on its publisher's node; it has no task here.");

    public virtual void Settle(bool accepted)
    {
        if (!accepted)
        {
            Volatile.Write(ref _refused, 1);
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _completion!.TrySetResult(Volatile.Read(ref _refused) == 0);
        }
    }
}
