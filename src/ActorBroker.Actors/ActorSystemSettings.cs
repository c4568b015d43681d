namespace ActorBroker.Actors;

/// <summary>Tuning of an actor system.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>The defaults: throughput 100, Ask timeout 5 s, default guardian strategy.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>
    /// How many user messages an actor handles in one turn on the thread pool before it yields to other
    /// actors; higher favours throughput, lower favours fairness and latency.
    /// </summary>
    public int Throughput { get; init; } = 100;

    /// <summary>The timeout of an Ask that does not name one.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the <c>/user</c> guardian supervises top-level actors; null means <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    public SupervisorStrategy? GuardianSupervisorStrategy { get; init; }

    internal void Validate()
    {
        if (Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "Throughput must be at least 1 message per turn.");
        }

        if (AskTimeout <= TimeSpan.Zero && AskTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(AskTimeout), AskTimeout, "The Ask timeout must be positive or infinite.");
        }
    }
}
