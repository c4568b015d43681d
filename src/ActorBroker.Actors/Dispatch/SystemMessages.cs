namespace ActorBroker.Actors;

/// <summary>
/// Kernel-to-kernel messages (lifecycle, supervision, death watch). They overtake user messages and are
/// linked intrusively into the mailbox's system stack, so every instance may be sent only once.
/// </summary>
internal abstract class SystemMessage
{
    internal SystemMessage? Next { get; set; }
}

internal sealed class CreateActor : SystemMessage;

internal sealed class TerminateActor : SystemMessage;

/// <summary>The supervisor's Resume; <see cref="Cause"/> is the failure being resumed from.</summary>
internal sealed class ResumeActor(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

internal sealed class RecreateActor(Exception cause, object? message) : SystemMessage
{
    public Exception Cause { get; } = cause;

    public object? Message { get; } = message;
}

internal sealed class FailedChild(LocalActorRef child, Exception cause, object? message) : SystemMessage
{
    public LocalActorRef Child { get; } = child;

    public Exception Cause { get; } = cause;

    public object? Message { get; } = message;
}

internal sealed class WatchRequest(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class UnwatchRequest(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Tells a watcher (and always the parent) that <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>The task of a ReceiveAsync handler completed; the mailbox may take user messages again.</summary>
internal sealed class AsyncReceiveCompleted(Task task, object message) : SystemMessage
{
    public Task Task { get; } = task;

    public object Message { get; } = message;
}
