namespace ActorBroker.Actors;

/// <summary>Request/response and lifecycle helpers for any <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    private static readonly TimeSpan s_defaultAskTimeout = ActorSystemSettings.Default.AskTimeout;

    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply address and returns the first reply as
    /// <typeparamref name="T"/>. The task fails with <see cref="AskTimeoutException"/> when no reply arrives in
    /// time, with the cause of a <see cref="Status.Failure"/> reply, or with <see cref="InvalidCastException"/>
    /// for a reply of another type; it is cancelled with <paramref name="cancellationToken"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef actor, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An Ask timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        var ask = new AskRef<T>(actor, message, timeout);
        ask.Start(cancellationToken);
        return ask.Task;
    }

    /// <summary>Asks with the target system's <see cref="ActorSystemSettings.AskTimeout"/> (5 s for references outside a system).</summary>
    public static Task<T> Ask<T>(this IActorRef actor, object message, CancellationToken cancellationToken = default)
    {
        var timeout = actor is LocalActorRef local ? local.Cell.System.Settings.AskTimeout : s_defaultAskTimeout;
        return actor.Ask<T>(message, timeout, cancellationToken);
    }

    /// <summary>
    /// Sends <see cref="PoisonPill"/> (so queued messages are handled first) and completes with true when the
    /// actor has stopped, or false when it has not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef actor, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target)
        {
            throw new ArgumentException($"{actor} is not a reference created by an actor system.", nameof(actor));
        }

        var watcher = new StopWatcherRef(actor);
        target.SendSystemMessage(new WatchRequest(target, watcher));
        actor.Tell(PoisonPill.Instance);
        try
        {
            await watcher.Task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            target.SendSystemMessage(new UnwatchRequest(target, watcher));
            return false;
        }
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> on behalf of the current message's sender.</summary>
    public static void Forward(this IActorRef target, object message, IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Forward(target, message);
    }
}
