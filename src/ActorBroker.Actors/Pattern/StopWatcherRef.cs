namespace ActorBroker.Actors;

/// <summary>A one-shot watcher used by GracefulStop: completes when the watched actor has stopped.</summary>
internal sealed class StopWatcherRef(IActorRef target) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IInternalActorRef
{
    private static readonly ActorPath s_path = ActorPath.Root.Child("temp").Child("stop-watcher");

    public ActorPath Path => s_path;

    public bool IsTerminated => Task.IsCompleted;

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification death && ReferenceEquals(death.Actor, target))
        {
            TrySetResult();
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
}
