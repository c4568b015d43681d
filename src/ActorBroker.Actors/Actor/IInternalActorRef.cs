namespace ActorBroker.Actors;

/// <summary>What the kernel needs from every reference it creates: a channel for system messages.</summary>
internal interface IInternalActorRef : IActorRef
{
    bool IsTerminated { get; }

    void SendSystemMessage(SystemMessage message);
}
