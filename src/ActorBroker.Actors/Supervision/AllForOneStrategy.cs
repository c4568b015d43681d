namespace ActorBroker.Actors;

/// <summary>Applies a restart or stop to all children when one fails (for children that only work together).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed within the window: -1 unlimited, 0 never.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> for no window.</param>
    /// <param name="decider">Maps a failure (child, exception, message) to a directive.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Failure, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    private protected override void Restart(ActorCell supervisor, LocalActorRef child, Exception cause, object? message)
    {
        foreach (var sibling in supervisor.LiveChildren())
        {
            sibling.SendSystemMessage(new RecreateActor(cause, ReferenceEquals(sibling, child) ? message : null));
        }
    }

    private protected override void Stop(ActorCell supervisor, LocalActorRef child)
    {
        foreach (var sibling in supervisor.LiveChildren())
        {
            supervisor.Stop(sibling);
        }
    }
}
