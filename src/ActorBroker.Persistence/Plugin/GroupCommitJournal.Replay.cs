using ActorBroker.Persistence.Journal;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Persistence.Plugin;

public sealed partial class GroupCommitJournal
{
    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        // Akka asked ReadHighestSequenceNrAsync first, which waited for the writes still on their way.
        var store = await _store.GetAsync().ConfigureAwait(false);
        var unreadable = new List<QuarantinedEvent>();
        long replayed = 0;
        await foreach (var item in store.Journal.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr).ConfigureAwait(false))
        {
            if (replayed >= max)
            {
                break;
            }

            switch (item)
            {
                case ReplayedEvent { Event: var evt }:
                    if (TryDeserialize(persistenceId, evt, out var message, out var problem))
                    {
                        recoveryCallback(new Persistent(
                            message, evt.SequenceNr, persistenceId, manifest: string.Empty, isDeleted: false, ActorRefs.NoSender,
                            writerGuid: string.Empty, timestamp: evt.Timestamp.UtcTicks));
                        replayed++;
                    }
                    else
                    {
                        // Unreadable to Akka but sound to the store: quarantined once the replay's reader is closed.
                        unreadable.Add(new QuarantinedEvent(persistenceId, evt.SequenceNr, problem));
                    }

                    break;
                case QuarantinedEvent quarantined:
                    // The store already moved it (bad checksum, missing payload).
                    Report(quarantined);
                    break;
            }
        }

        foreach (var row in unreadable)
        {
            await store.Journal.QuarantineAsync(row.PersistenceId, row.SequenceNr, row.Reason).ConfigureAwait(false);
            Report(row);
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        var store = await _store.GetAsync().ConfigureAwait(false);
        // Every recovery asks this first (Akka's replay starts with it), so here the recovering node becomes the writer:
        // the claim comes before the read, so a former owner's write either commits before it and is read, or is refused.
        if (_ownerFencing)
        {
            await store.Journal.ClaimAsync(persistenceId, cancellationToken).ConfigureAwait(false);
        }

        // A restarting actor asks this before its predecessor's writes are all committed; answering early would
        // let it reuse their sequence numbers.
        await store.Writer.WhenWrittenAsync().ConfigureAwait(false);
        return await store.Journal.ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        var store = await _store.GetAsync().ConfigureAwait(false);
        await store.Journal.DeleteUpToAsync(persistenceId, toSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    private bool TryDeserialize(string persistenceId, JournalEvent evt, out object message, out string problem)
    {
        try
        {
            message = StoredPayload.FromStore(evt.Manifest, evt.Payload).Deserialize(_serialization);
            problem = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            message = null!;
            problem = $"Akka serialization cannot read the payload of '{persistenceId}' #{evt.SequenceNr} " +
                      $"(manifest '{evt.Manifest}'): {exception.GetType().Name}: {exception.Message}";
            return false;
        }
    }

    private void Report(QuarantinedEvent row)
    {
        _log.Warning("Journal row {0} #{1} quarantined and skipped in replay: {2}", row.PersistenceId, row.SequenceNr, row.Reason);
        _eventStream.Publish(new JournalRowQuarantined(row.PersistenceId, row.SequenceNr, row.Reason));
    }
}
