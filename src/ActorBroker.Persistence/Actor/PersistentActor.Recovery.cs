using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

public abstract partial class PersistentActor
{
    // Replayed events travel to the actor in batches; at most this many batches wait in its mailbox, so
    // replaying a long log does not load all of it into memory at once.
    private const int ReplayBatchSize = 256;
    private const int ReplayBatchesAhead = 2;

    // An actor that stopped during recovery takes no more batches; the replay gives up instead of holding
    // its connection (and, on SQLite, a read snapshot that keeps the WAL from being checkpointed) forever.
    private static readonly TimeSpan s_replayStallTimeout = TimeSpan.FromMinutes(1);

    private void StartRecovery()
    {
        var persistence = Persistence;
        var persistenceId = PersistenceId;
        var self = Self;
        var incarnation = _incarnation;
        _ = Task.Run(() => RecoverAsync(persistence, persistenceId, self, incarnation));
    }

    private static async Task RecoverAsync(
        PersistenceExtension persistence, string persistenceId, IActorRef self, object incarnation)
    {
        // Not disposed: it never allocates a wait handle, and the actor may release it after recovery gave up.
        var credit = new SemaphoreSlim(ReplayBatchesAhead);
        try
        {
            // After a restart, writes of the previous instance may still be queued: read after them, not around them.
            await persistence.Writer.WhenWrittenAsync().ConfigureAwait(false);
            var record = await persistence.Snapshots.LoadSnapshotAsync(persistenceId, long.MaxValue).ConfigureAwait(false);
            var snapshot = record is null ? null : persistence.Serializer.Deserialize(record.Manifest, record.Payload);
            self.Tell(new SnapshotLoaded(incarnation, record, snapshot));

            var highest = record?.SequenceNr ?? 0;
            var batch = new List<ReplayItem>(ReplayBatchSize);
            var items = persistence.Journal.ReplayEventsAsync(persistence.Serializer, persistenceId, highest + 1, long.MaxValue);
            await foreach (var item in items.ConfigureAwait(false))
            {
                batch.Add(item);
                if (batch.Count == ReplayBatchSize)
                {
                    if (!await credit.WaitAsync(s_replayStallTimeout).ConfigureAwait(false))
                    {
                        throw new TimeoutException(
                            $"Recovery of '{persistenceId}' stalled: the actor took no replayed events for {s_replayStallTimeout.TotalSeconds} s.");
                    }

                    self.Tell(new EventsReplayed(incarnation, batch, credit));
                    batch = new List<ReplayItem>(ReplayBatchSize);
                }
            }

            if (batch.Count > 0)
            {
                self.Tell(new EventsReplayed(incarnation, batch, credit));
            }

            // The journal's highest also counts deleted and quarantined events: numbering never goes back.
            highest = Math.Max(highest, await persistence.Journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false));
            self.Tell(new ReplayFinished(incarnation, highest));
        }
        catch (Exception exception)
        {
            self.Tell(new ReplayFailed(incarnation, exception));
        }
    }

    private void OnRecoverySignal(PersistenceSignal signal)
    {
        if (!_recovering)
        {
            return;
        }

        try
        {
            switch (signal)
            {
                case SnapshotLoaded { Record: { } record, Snapshot: { } snapshot }:
                    LastSequenceNr = record.SequenceNr;
                    Recover(new SnapshotOffer(new SnapshotMetadata(record.PersistenceId, record.SequenceNr, record.Timestamp), snapshot));
                    break;
                case EventsReplayed replayed:
                    ApplyReplayed(replayed.Items);
                    replayed.Credit.Release();
                    break;
                case ReplayFinished finished:
                    LastSequenceNr = _assignedSequenceNr = Math.Max(LastSequenceNr, finished.HighestSequenceNr);
                    FinishRecovery();
                    break;
                case ReplayFailed failed:
                    OnRecoveryFailure(failed.Cause);
                    break;
            }
        }
        catch (Exception exception) when (signal is not ReplayFailed)
        {
            // A replayed event the actor cannot apply would fail again on every restart: stop, as Akka does.
            OnRecoveryFailure(exception);
        }
    }

    private void ApplyReplayed(IReadOnlyList<ReplayItem> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case DeserializedEvent replayed:
                    LastSequenceNr = replayed.SequenceNr;
                    Recover(replayed.Event);
                    break;
                case QuarantinedEvent quarantined:
                    OnEventQuarantined(quarantined);
                    break;
            }
        }
    }

    private void FinishRecovery()
    {
        Recover(RecoveryCompleted.Instance);
        BecomeReady();
    }

    private void Recover(object message)
    {
        if (!ReceiveRecover(message) && message is not RecoveryCompleted)
        {
            Unhandled(message);
        }
    }
}
