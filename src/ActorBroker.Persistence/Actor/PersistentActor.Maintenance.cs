using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

public abstract partial class PersistentActor
{
    /// <summary>
    /// Saves <paramref name="snapshot"/> as the state after event <see cref="LastSequenceNr"/> (the last durable
    /// one: events still in flight are not in it and will be replayed after it); the outcome comes
    /// back to <see cref="ReceiveCommand"/> as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.
    /// The snapshot is serialized now, so later changes to the object do not leak into it.
    /// </summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var serialized = Persistence.Serializer.Serialize(snapshot);
        var record = new SnapshotRecord(PersistenceId, LastSequenceNr, serialized.Manifest, serialized.Payload, DateTimeOffset.UtcNow);
        var metadata = new SnapshotMetadata(record.PersistenceId, record.SequenceNr, record.Timestamp);
        var store = Persistence.Snapshots;
        RunInBackground(
            async () =>
            {
                await store.SaveSnapshotAsync(record).ConfigureAwait(false);
                return new SaveSnapshotSuccess(metadata);
            },
            cause => new SaveSnapshotFailure(metadata, cause));
    }

    /// <summary>
    /// Deletes this actor's events up to <paramref name="toSequenceNr"/> (recovery no longer sees them; sequence
    /// numbers go on from the highest). The outcome comes back as <see cref="DeleteMessagesSuccess"/> or
    /// <see cref="DeleteMessagesFailure"/>.
    /// </summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        var journal = Persistence.Journal;
        var persistenceId = PersistenceId;
        RunInBackground(
            async () =>
            {
                await journal.DeleteUpToAsync(persistenceId, toSequenceNr).ConfigureAwait(false);
                return new DeleteMessagesSuccess(toSequenceNr);
            },
            cause => new DeleteMessagesFailure(toSequenceNr, cause));
    }

    /// <summary>Deletes this actor's snapshots up to <paramref name="maxSequenceNr"/>; no reply.</summary>
    protected void DeleteSnapshots(long maxSequenceNr)
    {
        var store = Persistence.Snapshots;
        var persistenceId = PersistenceId;
        RunInBackground(
            async () =>
            {
                await store.DeleteSnapshotsAsync(persistenceId, maxSequenceNr).ConfigureAwait(false);
                return null;
            },
            _ => null);
    }

    /// <summary>Runs store work off the actor's thread and brings its result back to the actor as a command.</summary>
    private void RunInBackground(Func<Task<object?>> work, Func<Exception, object?> onFailure)
    {
        var self = Self;
        var incarnation = _incarnation;
        _ = Task.Run(async () =>
        {
            object? result;
            try
            {
                result = await work().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                result = onFailure(exception);
            }

            if (result is not null)
            {
                self.Tell(new TaskFinished(incarnation, result));
            }
        });
    }
}
