using ActorBroker.Persistence.Snapshots;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Serialization;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// Akka.Persistence snapshot store plugin <c>akka.persistence.snapshot-store.actorbroker</c> over the project's
/// snapshot table, in the same database as <see cref="GroupCommitJournal"/>. Each snapshot is serialized with
/// the serializer Akka binds to its type and carries a checksum; a snapshot failing it fails the load (and the recovery),
/// rather than let an older one hide events deleted since.
/// </summary>
public sealed class GroupCommitSnapshotStore : Akka.Persistence.Snapshot.SnapshotStore
{
    private readonly PluginStore _store;
    private readonly Serialization _serialization;
    private readonly bool _ownerFencing;

    /// <summary>Created by Akka.Persistence with the plugin's config section.</summary>
    public GroupCommitSnapshotStore(Config config)
    {
        _store = new PluginStore(JournalStores.Get(Context.System), config);
        _ownerFencing = GroupCommitPersistence.OwnerFencing(config);
        _serialization = Context.System.Serialization;
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var store = await _store.GetAsync().ConfigureAwait(false);
        // Recovery loads its snapshot before it replays: claimed here already, a former owner cannot delete the events
        // after an older snapshot than the one this recovery read (its delete is refused), nor save a newer one.
        if (_ownerFencing)
        {
            await store.Journal.ClaimAsync(persistenceId, cancellationToken).ConfigureAwait(false);
        }

        var record = await store.Snapshots.LoadSnapshotAsync(persistenceId, Selection(criteria), cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var snapshot = StoredPayload.FromStore(record.Manifest, record.Payload).Deserialize(_serialization);
        return new SelectedSnapshot(
            new SnapshotMetadata(persistenceId, record.SequenceNr, record.Timestamp.UtcDateTime), snapshot);
    }

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var payload = StoredPayload.Serialize(_serialization, snapshot);
        var store = await _store.GetAsync().ConfigureAwait(false);
        await store.Snapshots.SaveSnapshotAsync(new SnapshotRecord(
            metadata.PersistenceId, metadata.SequenceNr, payload.Manifest, payload.Bytes, ToTimestamp(metadata.Timestamp)), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        var store = await _store.GetAsync().ConfigureAwait(false);
        await store.Snapshots.DeleteSnapshotsAsync(metadata.PersistenceId, SnapshotSelection.At(metadata.SequenceNr), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var store = await _store.GetAsync().ConfigureAwait(false);
        await store.Snapshots.DeleteSnapshotsAsync(persistenceId, Selection(criteria), cancellationToken).ConfigureAwait(false);
    }

    private static SnapshotSelection Selection(SnapshotSelectionCriteria criteria) =>
        new(criteria.MinSequenceNr, criteria.MaxSequenceNr, ToTimestamp(criteria.MinTimestamp ?? DateTime.MinValue), ToTimestamp(criteria.MaxTimeStamp));

    /// <summary>Akka's times are UTC, whatever their Kind says; MinValue and MaxValue stand for "unbounded".</summary>
    private static DateTimeOffset ToTimestamp(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
