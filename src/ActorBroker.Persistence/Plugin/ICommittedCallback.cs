namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// An event that wants to know the moment its write committed, before Akka's answer reaches its persistent actor
/// (a journal actor hop, a resequencer hop and the actor's mailbox later). <see cref="GroupCommitJournal"/> calls it
/// on the group-commit writer's thread right after the commit; other plugins never do, so the persistent actor must still
/// act on Akka's answer, and the callback must be idempotent with it. A broker queue settles publisher confirms here.
/// </summary>
public interface ICommittedCallback
{
    /// <summary>The event is durable. Called at most once, on any thread; must not block.</summary>
    void OnCommitted();
}
