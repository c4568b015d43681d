namespace ActorBroker.Amqp.Server;

/// <summary>
/// The node-wide switch a resource alarm throws: while it is blocked, a connection that publishes gets
/// connection.blocked (if its client announced the <c>connection.blocked</c> capability) and reads nothing more
/// from its client until the gate opens, then gets connection.unblocked. Connections that only consume go on,
/// so queues keep draining. Shared by every connection of a node; thread-safe.
/// </summary>
public sealed class PublishGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _opened = NewOpened();
    private string _reason = "";
    private volatile bool _blocked;

    /// <summary>True while publishers are held back; one volatile read, cheap enough for every publish.</summary>
    public bool IsBlocked => _blocked;

    /// <summary>Blocks publishers; <paramref name="reason"/> goes to clients in connection.blocked (e.g. "low on memory").</summary>
    public void Block(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        lock (_lock)
        {
            _reason = reason;
            if (!_blocked)
            {
                _opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _blocked = true;
            }
        }
    }

    /// <summary>Lets publishers go on; every connection held back reads again and gets connection.unblocked.</summary>
    public void Unblock()
    {
        TaskCompletionSource opened;
        lock (_lock)
        {
            if (!_blocked)
            {
                return;
            }

            _blocked = false;
            opened = _opened;
        }

        opened.TrySetResult();
    }

    /// <summary>A task that completes when the gate is open, and the reason it is blocked meanwhile.</summary>
    internal (Task Opened, string Reason) Snapshot()
    {
        lock (_lock)
        {
            return (_opened.Task, _reason);
        }
    }

    private static TaskCompletionSource NewOpened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }
}
