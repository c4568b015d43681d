namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    /// <summary>
    /// This actor failed: it takes no user message until its parent's directive arrives (as a system
    /// message), and the parent learns the exception and the message that caused it.
    /// </summary>
    private void FailSelf(Exception cause, object? message)
    {
        if (IsTerminating)
        {
            PublishError(cause, $"{_self.Path} failed while stopping; the failure is ignored.");
            return;
        }

        _blocks |= Blocks.Failed;
        PublishError(cause, $"{_self.Path} failed handling {message?.GetType().Name ?? "its start"}: {cause.Message}");
        _parent.SendSystemMessage(new FailedChild(_self, cause, message));
    }

    private void HandleChildFailure(FailedChild failed)
    {
        if (IsTerminating || !IsChild(failed.Child))
        {
            // A child that is already stopping or gone needs no decision.
            return;
        }

        SupervisorStrategyForChildren().Handle(this, failed.Child, failed.Cause, failed.Message);
    }

    private SupervisorStrategy SupervisorStrategyForChildren()
    {
        if (_props.SupervisorStrategy is { } configured)
        {
            return configured;
        }

        try
        {
            return _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        }
        catch (Exception ex)
        {
            PublishError(ex, $"SupervisorStrategy() of {_self.Path} threw; the default strategy applies.");
            return SupervisorStrategy.DefaultStrategy;
        }
    }

    /// <summary>The strategy escalated a child's failure: this actor fails with the same cause and message.</summary>
    internal void Escalate(LocalActorRef child, Exception cause, object? message)
    {
        Extras.EscalatedChild = (child, cause);
        FailSelf(cause, message);
    }

    private void Resume(Exception cause)
    {
        if ((_blocks & Blocks.Failed) == 0)
        {
            return;
        }

        if (_actor is null)
        {
            // The constructor failed, so there is no instance to resume: make one as a restart would.
            FinishRecreate(cause);
            return;
        }

        _blocks &= ~Blocks.Failed;
        ResumeEscalatedChild();
    }

    private void ResumeEscalatedChild()
    {
        if (_extras?.EscalatedChild is var (child, cause))
        {
            _extras.EscalatedChild = null;
            child.SendSystemMessage(new ResumeActor(cause));
        }
    }

    private void BeginRecreate(Exception cause, object? message)
    {
        if (IsTerminating || _mailbox.IsClosed)
        {
            return;
        }

        _blocks |= Blocks.Restarting;
        CancelTimers();
        var actor = _actor;
        _actor = null;
        if (actor is not null)
        {
            // The stash belongs to the failed instance; its messages go back to the mailbox for the new one.
            _extras?.Stash?.UnstashAll();
            try
            {
                actor.InvokePreRestart(cause, message);
            }
            catch (Exception ex)
            {
                PublishError(ex, $"PreRestart of {_self.Path} threw.");
            }
        }

        if (_extras is { StoppingChildren: > 0 } extras)
        {
            extras.PendingRestartCause = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        if (_extras is { } extras)
        {
            extras.PendingRestartCause = null;
        }

        _blocks &= ~Blocks.Restarting;
        try
        {
            _actor = NewActorInstance();
            _actor.InvokePostRestart(cause);
        }
        catch (Exception ex)
        {
            FailSelf(InitializationFailure(ex), null);
            return;
        }

        _blocks &= ~Blocks.Failed;
        ResumeEscalatedChild();
    }
}
