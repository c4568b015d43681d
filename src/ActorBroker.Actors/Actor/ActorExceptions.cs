namespace ActorBroker.Actors;

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string message)
        : base(message)
    {
    }
}

/// <summary>The failure a <see cref="Kill"/> message causes.</summary>
public sealed class ActorKilledException : Exception
{
    public ActorKilledException(string message)
        : base(message)
    {
    }
}

/// <summary>An actor's constructor or PreStart/PostRestart threw; the original exception is the inner one.</summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException(IActorRef actor, string message, Exception innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    /// <summary>The actor that could not be initialized.</summary>
    public IActorRef Actor { get; }
}

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    public InvalidActorNameException(string message)
        : base(message)
    {
    }
}
