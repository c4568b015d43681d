namespace ActorBroker.Persistence.Snapshots;

/// <summary>Stores snapshots of persistent entities. Safe to call from many threads at once.</summary>
public interface ISnapshotStore
{
    /// <summary>Stores the snapshot durably; a second save at the same sequence number replaces the first.</summary>
    Task SaveSnapshotAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest snapshot of the entity within <paramref name="selection"/>, or null. One whose payload fails its
    /// checksum throws <see cref="InvalidDataException"/>: an older one is not used instead, since the events between
    /// them may be deleted.
    /// </summary>
    Task<SnapshotRecord?> LoadSnapshotAsync(string persistenceId, SnapshotSelection selection, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entity's snapshots within <paramref name="selection"/>.</summary>
    Task DeleteSnapshotsAsync(string persistenceId, SnapshotSelection selection, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest snapshot of the entity with a sequence number up to <paramref name="maxSequenceNr"/>, or null;
    /// one whose payload fails its checksum throws <see cref="InvalidDataException"/>.
    /// </summary>
    Task<SnapshotRecord?> LoadSnapshotAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        LoadSnapshotAsync(persistenceId, SnapshotSelection.UpTo(maxSequenceNr), cancellationToken);

    /// <summary>Deletes the entity's snapshots with sequence numbers up to and including <paramref name="maxSequenceNr"/>.</summary>
    Task DeleteSnapshotsAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        DeleteSnapshotsAsync(persistenceId, SnapshotSelection.UpTo(maxSequenceNr), cancellationToken);
}
