using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

/// <summary>Identifies a snapshot: whose it is and the last event it includes.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);

/// <summary>Given to <see cref="PersistentActor.ReceiveRecover"/> first when recovery found a snapshot; the events after it follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Given to <see cref="PersistentActor.ReceiveRecover"/> last, once every event is replayed; commands follow.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    public static RecoveryCompleted Instance { get; } = new();
}

/// <summary>Given to <see cref="PersistentActor.ReceiveCommand"/> when a <see cref="PersistentActor.SaveSnapshot"/> is durable.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Given to <see cref="PersistentActor.ReceiveCommand"/> when a <see cref="PersistentActor.SaveSnapshot"/> failed.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Given to <see cref="PersistentActor.ReceiveCommand"/> when <see cref="PersistentActor.DeleteMessages"/> is done.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Given to <see cref="PersistentActor.ReceiveCommand"/> when <see cref="PersistentActor.DeleteMessages"/> failed.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);

/// <summary>Published on the event stream when recovery met an unreadable event and quarantined it.</summary>
public sealed record EventQuarantined(QuarantinedEvent Event);

/// <summary>Published on the event stream when recovery failed; the actor is stopped unless it overrides the hook.</summary>
public sealed record RecoveryFailed(string PersistenceId, Exception Cause);

/// <summary>Messages a persistent actor sends itself; each carries the instance it is meant for, so a restarted actor drops stale ones.</summary>
internal abstract record PersistenceSignal(object Incarnation);

internal sealed record SnapshotLoaded(object Incarnation, SnapshotRecord? Record, object? Snapshot) : PersistenceSignal(Incarnation);

/// <summary>A batch of replayed events; the actor releases <paramref name="Credit"/> once it applied them, letting replay read on.</summary>
internal sealed record EventsReplayed(object Incarnation, IReadOnlyList<ReplayItem> Items, SemaphoreSlim Credit) : PersistenceSignal(Incarnation);

internal sealed record ReplayFinished(object Incarnation, long HighestSequenceNr) : PersistenceSignal(Incarnation);

internal sealed record ReplayFailed(object Incarnation, Exception Cause) : PersistenceSignal(Incarnation);

internal sealed record WriteFinished(object Incarnation, PendingWrite Write, Exception? Failure) : PersistenceSignal(Incarnation);

internal sealed record TaskFinished(object Incarnation, object Result) : PersistenceSignal(Incarnation);
