namespace ActorBroker.Actors;

/// <summary>An actor's stash: messages set aside to be handled later, in the order they were stashed.</summary>
public interface IStash
{
    /// <summary>How many messages are stashed.</summary>
    int Count { get; }

    /// <summary>Sets aside the message being handled (with its sender).</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, in stash order.</summary>
    void UnstashAll();
}
