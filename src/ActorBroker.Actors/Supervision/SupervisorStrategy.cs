namespace ActorBroker.Actors;

/// <summary>
/// How a parent handles its children's failures: a decider maps each <see cref="Failure"/> to a
/// <see cref="Directive"/>, and restarts are limited to <see cref="MaxNrOfRetries"/> within
/// <see cref="WithinTimeRange"/>, after which the child is stopped. The kernel never retries the failed
/// message; a decider that wants it kept must save it (the message is in the <see cref="Failure"/>).
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Failure, Directive> decider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        if (withinTimeRange <= TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                nameof(withinTimeRange), withinTimeRange, "The restart window must be positive or Timeout.InfiniteTimeSpan.");
        }

        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>
    /// One-for-one, unlimited restarts: restart on any exception, except a failure to initialize or a
    /// <see cref="Kill"/>, which stop the child.
    /// </summary>
    public static SupervisorStrategy DefaultStrategy { get; } =
        new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    /// <summary>One-for-one: stop the child on any failure.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } =
        new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, static _ => Directive.Stop);

    /// <summary>Restarts allowed within the window; -1 means unlimited, 0 means never restart.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in; <see cref="Timeout.InfiniteTimeSpan"/> counts them forever.</summary>
    public TimeSpan WithinTimeRange { get; }

    public Func<Failure, Directive> Decider { get; }

    /// <summary>The default decider: stop on initialization failures and Kill, restart otherwise.</summary>
    public static Directive DefaultDecider(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Exception is ActorInitializationException or ActorKilledException
            ? Directive.Stop
            : Directive.Restart;
    }

    /// <summary>Applies a restart to the failed child (and, for all-for-one, its siblings).</summary>
    private protected abstract void Restart(ActorCell supervisor, LocalActorRef child, Exception cause, object? message);

    /// <summary>Applies a stop to the failed child (and, for all-for-one, its siblings).</summary>
    private protected abstract void Stop(ActorCell supervisor, LocalActorRef child);

    internal void Handle(ActorCell supervisor, LocalActorRef child, Exception cause, object? message)
    {
        Directive directive;
        try
        {
            directive = Decider(new Failure(child, cause, message));
        }
        catch (Exception ex)
        {
            supervisor.PublishError(ex, $"The supervisor decider of {supervisor.Self.Path} threw; escalating.");
            directive = Directive.Escalate;
        }

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new ResumeActor(cause));
                break;
            case Directive.Restart when child.Cell.RestartStatistics.RequestPermission(MaxNrOfRetries, WithinTimeRange):
                Restart(supervisor, child, cause, message);
                break;
            case Directive.Restart:
            case Directive.Stop:
                Stop(supervisor, child);
                break;
            case Directive.Escalate:
                supervisor.Escalate(child, cause, message);
                break;
            default:
                throw new InvalidOperationException($"Unknown directive {directive}.");
        }
    }
}
