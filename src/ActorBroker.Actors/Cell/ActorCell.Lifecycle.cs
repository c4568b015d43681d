namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    internal void SystemInvoke(SystemMessage message)
    {
        // The continuation of a running async handler may touch the actor at any time, so nothing that
        // replaces or stops the instance may run before the handler's task completes.
        if ((_blocks & Blocks.AsyncPending) != 0 && message is TerminateActor or RecreateActor)
        {
            (Extras.Deferred ??= []).Add(message);
            return;
        }

        switch (message)
        {
            case CreateActor:
                Create();
                break;
            case TerminateActor:
                BeginTerminate();
                break;
            case RecreateActor recreate:
                BeginRecreate(recreate.Cause, recreate.Message);
                break;
            case ResumeActor resume:
                Resume(resume.Cause);
                break;
            case FailedChild failed:
                HandleChildFailure(failed);
                break;
            case WatchRequest watch:
                AddWatcher(watch.Watcher);
                break;
            case UnwatchRequest unwatch:
                RemoveWatcher(unwatch.Watcher);
                break;
            case DeathWatchNotification death:
                HandleDeath(death.Actor);
                break;
            case AsyncReceiveCompleted completed:
                HandleAsyncCompleted(completed);
                break;
            default:
                throw new InvalidOperationException($"Unknown system message {message.GetType().Name}.");
        }
    }

    /// <summary>System messages that reach an actor after it stopped: a late watcher learns of the death at once.</summary>
    internal void SystemInvokeAfterStop(SystemMessage message)
    {
        if (message is WatchRequest watch && !ReferenceEquals(watch.Watcher, _self))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(_self));
        }
    }

    private void Create()
    {
        _blocks &= ~Blocks.NotCreated;
        try
        {
            _actor = NewActorInstance();
            _actor.InvokePreStart();
        }
        catch (Exception ex)
        {
            FailSelf(InitializationFailure(ex), null);
        }
    }

    private ActorInitializationException InitializationFailure(Exception cause) =>
        new(_self, $"Creating {_props.ActorType.Name} at {_self.Path} failed: {cause.Message}", cause);

    private void BeginTerminate()
    {
        if (IsTerminating || _mailbox.IsClosed)
        {
            return;
        }

        LocalActorRef[] children;
        lock (this)
        {
            _blocks |= Blocks.Terminating;
            children = ChildrenSnapshot();
        }

        CancelTimers();
        foreach (var child in children)
        {
            StopChild(child);
        }

        if (children.Length == 0)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        _actor = null;
        if (actor is not null)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                PublishError(ex, $"PostStop of {_self.Path} threw.");
            }
        }

        _mailbox.Close();
        var extras = _extras;
        _extras = null;
        _currentMessage = null;
        _currentSender = null;
        if (extras is not null)
        {
            DeadLetterDeferredMessages(extras);
        }

        _parent.SendSystemMessage(new DeathWatchNotification(_self));
        NotifyWatchersAndUnwatchAll(extras);
    }

    private void DeadLetterDeferredMessages(CellExtras extras)
    {
        if (extras.Unstashed is { } unstashed)
        {
            foreach (var envelope in unstashed)
            {
                PublishDeadLetter(envelope.Message, envelope.Sender);
            }
        }

        if (extras.Stash is { } stash)
        {
            foreach (var envelope in stash.TakeAll())
            {
                PublishDeadLetter(envelope.Message, envelope.Sender);
            }
        }
    }

    private void CancelTimers()
    {
        if (_extras is { } extras)
        {
            extras.Timers?.CancelAll();
            extras.ReceiveTimeout?.Cancel();
            extras.ReceiveTimeout = null;
        }
    }
}
