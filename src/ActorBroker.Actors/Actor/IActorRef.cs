namespace ActorBroker.Actors;

/// <summary>
/// A handle to an actor. Telling it a message never blocks and never throws for a stopped actor:
/// messages to stopped actors are published as <see cref="DeadLetter"/> on the event stream.
/// Two references are equal only when they denote the same actor incarnation.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>Where the actor lives; <c>Path.Name</c> is its name.</summary>
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/>; the receiver sees <paramref name="sender"/> as its Sender.</summary>
    void Tell(object message, IActorRef? sender = null);
}
