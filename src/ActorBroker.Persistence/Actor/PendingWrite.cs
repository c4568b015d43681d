using ActorBroker.Actors;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

/// <summary>
/// The events one command persisted, on their way through the group-commit writer as one atomic write.
/// The writer's verdict comes back to the actor as a message whose sender is the command's sender, so
/// handlers can reply to it.
/// </summary>
internal sealed class PendingWrite(IActorRef self, object incarnation, IActorRef? sender, long fromSequenceNr) : IJournalWriteCallback
{
    public List<JournalEvent> Events { get; } = [];

    public List<(object Event, Action<object> Handler)> Invocations { get; } = [];

    public long FromSequenceNr => fromSequenceNr;

    /// <summary>True when a <c>Persist</c> (not only <c>PersistAsync</c>) contributed: commands wait until the write is done.</summary>
    public bool HoldsCommands { get; set; }

    public bool IsFinished { get; private set; }

    public Exception? Failure { get; private set; }

    public void Finish(Exception? failure)
    {
        IsFinished = true;
        Failure = failure;
    }

    public void OnWriteCompleted(object? state, Exception? failure) =>
        self.Tell(new WriteFinished(incarnation, this, failure), sender);
}
