using ActorBroker.Actors;
using ActorBroker.Persistence.GroupCommit;

namespace ActorBroker.Persistence;

/// <summary>
/// The events one command persisted, on their way through the group-commit writer. The writer's verdict
/// comes back to the actor as a message whose sender is the command's sender, so handlers can reply.
/// </summary>
internal sealed class PendingWrite(IActorRef self, object incarnation, IActorRef? sender, long fromSequenceNr) : IJournalWriteCallback
{
    public List<(object Event, Action<object> Handler)> Invocations { get; } = [];

    public long FromSequenceNr => fromSequenceNr;

    public void OnWriteCompleted(object? state, Exception? failure) =>
        self.Tell(new WriteFinished(incarnation, this, failure), sender);
}
