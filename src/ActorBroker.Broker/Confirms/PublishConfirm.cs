using ActorBroker.Broker.Client;

namespace ActorBroker.Broker.Confirms;

/// <summary>
/// Collects the answers of the queues one publish (or one confirm barrier) went to. Completes with true when
/// every queue accepted, false when any refused. Queues settle it from their own threads. A queue on another node
/// settles a <see cref="Remoting.RelayedConfirm"/> in its place, which sends the answer back to this one.
/// </summary>
internal class PublishConfirm
{
    private readonly TaskCompletionSource<bool>? _completion;
    private readonly IPublishConfirmed? _listener;
    private readonly ulong _tag;
    private int _remaining;
    private int _refused;

    public PublishConfirm(int queues)
        : this(queues, listener: null, tag: 0)
    {
    }

    /// <summary>A confirm told to <paramref name="listener"/> (as <paramref name="tag"/>) in place, or through <see cref="Task"/> when it is null.</summary>
    public PublishConfirm(int queues, IPublishConfirmed? listener, ulong tag)
    {
        _listener = listener;
        _tag = tag;
        _completion = listener is null ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        _remaining = queues;
        if (queues == 0)
        {
            Complete(accepted: true);
        }
    }

    /// <summary>For a confirm that settles elsewhere (<see cref="Remoting.RelayedConfirm"/>): nobody awaits it here.</summary>
    protected PublishConfirm()
    {
    }

    public Task<bool> Task => _completion?.Task
        ?? throw new InvalidOperationException("A relayed confirm or one told to a listener has no task.");

    public virtual void Settle(bool accepted)
    {
        if (!accepted)
        {
            Volatile.Write(ref _refused, 1);
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Complete(Volatile.Read(ref _refused) == 0);
        }
    }

    private void Complete(bool accepted)
    {
        if (_listener is { } listener)
        {
            listener.Confirmed(_tag, accepted);
        }
        else
        {
            _completion!.TrySetResult(accepted);
        }
    }
}
