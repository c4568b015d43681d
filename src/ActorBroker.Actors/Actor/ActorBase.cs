namespace ActorBroker.Actors;

/// <summary>
/// The base of every actor. An actor handles one message at a time, so its fields need no locks.
/// Instances are created by the kernel from <see cref="Props"/>, never with <c>new</c> by user code.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is an actor: create it with ActorOf(Props.Create<{GetType().Name}>()), not with 'new'.");
    }

    /// <summary>The actor's view of itself and the system; valid only inside the actor.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled; dead letters when there is none.</summary>
    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>Handles a message; return false when it is not handled, which calls <see cref="Unhandled"/>.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called for a message the actor did not handle; publishes <see cref="UnhandledMessage"/> by default.</summary>
    protected virtual void Unhandled(object message) => _cell.PublishUnhandled(message);

    /// <summary>Runs after the actor is created and before its first message.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once the actor has stopped (its children have stopped before).</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before a restart; by default stops all children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart; calls <see cref="PreStart"/> by default.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; one-for-one restart on any exception by default.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    internal virtual void OnCreated()
    {
    }

    internal void ReceiveMessage(object message)
    {
        if (!Receive(message))
        {
            Unhandled(message);
        }
    }

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}
