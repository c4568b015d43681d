namespace ActorBroker.Actors;

/// <summary>
/// The parent of the <c>/user</c> guardian. It is not an actor: it only learns when the guardian stops
/// (the system has terminated) and stops the guardian should the guardian itself fail.
/// </summary>
internal sealed class RootGuardianRef(ActorSystem system) : IInternalActorRef
{
    public ActorPath Path => ActorPath.Root;

    public bool IsTerminated => system.WhenTerminated.IsCompleted;

    public void Tell(object message, IActorRef? sender = null) => system.DeadLetters.Tell(message, sender);

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification:
                system.GuardianTerminated();
                break;
            case FailedChild failed:
                failed.Child.SendSystemMessage(new TerminateActor());
                break;
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => $"Root[{system.Name}]";
}
