namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    /// <summary>Handles one user message; an exception fails the actor with this message attached.</summary>
    internal void Invoke(in Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        try
        {
            if (message is IAutoReceivedMessage auto)
            {
                auto.Handle(this);
            }
            else if (message is Terminated terminated && ReferenceEquals(terminated.ActorRef, envelope.Sender))
            {
                DeliverTerminated(terminated);
            }
            else
            {
                DeliverToActor(message);
            }
        }
        catch (Exception ex)
        {
            // A timer tick or timeout check fails with the message the actor was actually given.
            FailSelf(ex, _currentMessage ?? message);
        }
        finally
        {
            // An async handler still reads Sender after its first await; keep it until the task completes.
            if ((_blocks & Blocks.AsyncPending) == 0)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    internal bool TryTakeUnstashed(out Envelope envelope)
    {
        if (_extras?.Unstashed is { Count: > 0 } unstashed)
        {
            envelope = unstashed.Dequeue();
            return true;
        }

        envelope = default;
        return false;
    }

    /// <summary>Called by a ReceiveAsync handler whose task is still running: no user message until it completes.</summary>
    internal void SuspendUntilCompleted(Task task)
    {
        _blocks |= Blocks.AsyncPending;
        var message = _currentMessage!;
        var mailbox = _mailbox;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(
            () => mailbox.PostSystem(new AsyncReceiveCompleted(task, message)));
    }

    /// <summary>Hands the actor a message the kernel produced on its turn (a timer's message, ReceiveTimeout).</summary>
    internal void DeliverKernelMessage(object message)
    {
        _currentMessage = message;
        _currentSender = null;
        DeliverToActor(message);
    }

    private void DeliverToActor(object message)
    {
        var actor = _actor ?? throw new InvalidOperationException($"{_self.Path} has no actor instance.");
        actor.ReceiveMessage(message);
        if (_extras?.ReceiveTimeout is { } receiveTimeout)
        {
            receiveTimeout.MarkActivity();
        }
    }

    private void HandleAsyncCompleted(AsyncReceiveCompleted completed)
    {
        _blocks &= ~Blocks.AsyncPending;
        _currentMessage = null;
        _currentSender = null;
        var task = completed.Task;
        if (task.IsFaulted || task.IsCanceled)
        {
            var cause = task.Exception?.InnerException ?? new TaskCanceledException(task);
            FailSelf(cause, completed.Message);
        }

        if (_extras?.Deferred is { Count: > 0 } deferred)
        {
            var replay = deferred.ToArray();
            deferred.Clear();
            foreach (var message in replay)
            {
                SystemInvoke(message);
            }
        }
    }
}
