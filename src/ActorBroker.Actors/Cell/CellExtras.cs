namespace ActorBroker.Actors;

/// <summary>The parts of an actor cell that most actors never use, allocated on first use.</summary>
internal sealed class CellExtras
{
    public Dictionary<string, LocalActorRef>? Children { get; set; }

    public long ChildNameCounter { get; set; }

    /// <summary>Children this actor asked to stop that have not reported their death yet.</summary>
    public int StoppingChildren { get; set; }

    /// <summary>Set while a restart waits for stopping children before creating the new instance.</summary>
    public Exception? PendingRestartCause { get; set; }

    /// <summary>The child whose failure this actor escalated, and why; it is resumed when this actor recovers.</summary>
    public (LocalActorRef Child, Exception Cause)? EscalatedChild { get; set; }

    public HashSet<IActorRef>? Watching { get; set; }

    public HashSet<IInternalActorRef>? WatchedBy { get; set; }

    /// <summary>Watched actors whose Terminated is queued in the mailbox but not yet delivered.</summary>
    public HashSet<IActorRef>? TerminatedQueued { get; set; }

    public ActorStash? Stash { get; set; }

    /// <summary>Unstashed messages, handled before the mailbox's own queue.</summary>
    public Queue<Envelope>? Unstashed { get; set; }

    public ActorTimers? Timers { get; set; }

    public ReceiveTimeoutState? ReceiveTimeout { get; set; }

    /// <summary>Lifecycle messages that arrived while an async handler was running.</summary>
    public List<SystemMessage>? Deferred { get; set; }
}
