namespace ActorBroker.Persistence.GroupCommit;

/// <summary>
/// Told when a write handed to <see cref="JournalWriter.Enqueue"/> is durable or has failed. Runs on the
/// writer's loop: it must return quickly and not throw (telling an actor is the intended use).
/// </summary>
public interface IJournalWriteCallback
{
    /// <summary><paramref name="failure"/> is null when the write is durable, else a <see cref="Journal.JournalWriteException"/>.</summary>
    void OnWriteCompleted(object? state, Exception? failure);
}
