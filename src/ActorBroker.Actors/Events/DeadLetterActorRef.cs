namespace ActorBroker.Actors;

/// <summary>The system's dead-letter office: what it is told is published as <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.EventStream.Publish(message as DeadLetter ?? new DeadLetter(message, sender, this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        // Nothing lives here, so a watcher learns at once that there is nothing to wait for.
        if (message is WatchRequest watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => $"DeadLetters[{Path}]";
}
