using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Serialization;

namespace ActorBroker.Persistence.Journal;

/// <summary>Replay that also deserializes: the form recovery uses.</summary>
public static class TypedReplay
{
    /// <summary>
    /// Streams the entity's events as <see cref="DeserializedEvent"/>s. A row the journal cannot read, or
    /// whose manifest or payload the serializer refuses, is moved to quarantine and yielded as a
    /// <see cref="QuarantinedEvent"/>; replay goes on with the next row.
    /// </summary>
    public static async IAsyncEnumerable<ReplayItem> ReplayEventsAsync(
        this IJournal journal, IEventSerializer serializer, string persistenceId, long fromSequenceNr, long toSequenceNr,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(serializer);
        var rows = journal.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (row is not ReplayedEvent { Event: var stored })
            {
                yield return row;
                continue;
            }

            ReplayItem item;
            try
            {
                item = new DeserializedEvent(persistenceId, stored.SequenceNr,
                    serializer.Deserialize(stored.Manifest, stored.Payload), stored.Timestamp);
            }
            catch (EventSerializationException exception)
            {
                item = new QuarantinedEvent(persistenceId, stored.SequenceNr, exception.Message);
                await journal.QuarantineAsync(persistenceId, stored.SequenceNr, exception.Message, cancellationToken)
                    .ConfigureAwait(false);
            }

            yield return item;
        }
    }
}
