namespace ActorBroker.Actors;

/// <summary>Applies a directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed within the window: -1 unlimited, 0 never.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> for no window.</param>
    /// <param name="decider">Maps a failure (child, exception, message) to a directive.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Failure, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    private protected override void Restart(ActorCell supervisor, LocalActorRef child, Exception cause, object? message) =>
        child.SendSystemMessage(new RecreateActor(cause, message));

    private protected override void Stop(ActorCell supervisor, LocalActorRef child) => supervisor.Stop(child);
}
