namespace ActorBroker.Broker.Confirms;

/// <summary>
/// Collects the answers of the queues one publish (or one confirm barrier) went to. Completes with true when
/// every queue accepted, false when any refused. Queues settle it from their own threads. A queue on another node
/// settles a <see cref="Remoting.RelayedConfirm"/> in its place, which sends the answer back to this one; a
/// <see cref="ListenedConfirm"/> tells its publisher's listener instead of completing a task.
/// </summary>
internal class PublishConfirm
{
    private readonly TaskCompletionSource<bool>? _completion;
    private int _remaining;
    private int _refused;
    private int _failed;

    public PublishConfirm(int queues)
    {
        _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _remaining = queues;
        if (queues == 0)
        {
            _completion.SetResult(true);
        }
    }

    /// <summary>For a confirm that is answered elsewhere (<see cref="Completed"/> overridden): nobody awaits a task of it.</summary>
    protected PublishConfirm()
    {
    }

    public Task<bool> Task => _completion?.Task
        ?? throw new InvalidOperationException("This confirm is answered elsewhere; it has no task.");

    /// <summary>
    /// How many queues will settle it, once routing knows (replacing the count it was made with); called before it
    /// is handed to any of them, and never with zero.
    /// </summary>
    public void Expect(int queues) => _remaining = queues;

    /// <summary>
    /// Whether a queue refused because it could not store the message (its write failed, or it stopped before the
    /// write was decided), not because it would not take it (full with reject-publish): publishing again may succeed.
    /// Known on this node only; a queue on another node answers a refusal.
    /// </summary>
    public bool Failed => Volatile.Read(ref _failed) == 1;

    /// <summary>Refuses as <see cref="Settle"/> with false does, for a message the queue could not store (see <see cref="Failed"/>).</summary>
    public void Fail()
    {
        Volatile.Write(ref _failed, 1);
        Settle(false);
    }

    public virtual void Settle(bool accepted)
    {
        if (!accepted)
        {
            Volatile.Write(ref _refused, 1);
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Completed(Volatile.Read(ref _refused) == 0);
        }
    }

    /// <summary>Every queue has settled it; called once, on the thread of the last one.</summary>
    protected virtual void Completed(bool accepted) => _completion!.TrySetResult(accepted);
}
