namespace ActorBroker.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>Pass as the sender when a message has none; replies then go to dead letters.</summary>
    public static IActorRef? NoSender => null;

    /// <summary>A reference that belongs to no actor: messages to it are discarded, and watching it yields Terminated at once.</summary>
    public static IActorRef Nobody { get; } = new NobodyRef();

    private sealed class NobodyRef : IInternalActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root.Child("nobody");

        public bool IsTerminated => true;

        public void Tell(object message, IActorRef? sender = null)
        {
        }

        public void SendSystemMessage(SystemMessage message)
        {
            if (message is WatchRequest watch)
            {
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
            }
        }

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

        public override string ToString() => "Nobody";
    }
}
