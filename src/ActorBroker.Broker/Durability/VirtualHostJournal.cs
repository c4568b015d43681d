using ActorBroker.Broker.Client;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The journal of which virtual hosts exist. Hosts are added and deleted rarely, so it is replayed whole at
/// start and never compacted. Written by the broker supervisor only, one record at a time.
/// </summary>
internal sealed class VirtualHostJournal(BrokerDurability durability, long lastSequenceNr)
{
    public const string PersistenceId = "broker:vhosts";

    private long _lastSequenceNr = lastSequenceNr;

    /// <summary>Writes <paramref name="record"/> through the group-commit writer; completes once it is durable.</summary>
    public async Task WriteAsync(VirtualHostRecord record)
    {
        var write = new AtomicWrite(PersistenceId, new JournalEvent(++_lastSequenceNr, VirtualHostRecord.Manifest, record.Encode(), DateTimeOffset.UtcNow));
        await durability.Persistence.Writer.WriteAsync(write).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the names of the virtual hosts. On a journal that never had one (the first start), "/" is added
    /// and journaled, as RabbitMQ creates the default virtual host on first boot only: once deleted it stays
    /// deleted. An unreadable row is quarantined and skipped.
    /// </summary>
    public static async Task<(IReadOnlyCollection<string> Names, VirtualHostJournal Journal)> RecoverAsync(BrokerDurability durability)
    {
        var store = durability.Persistence.Journal;
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in store.ReplayAsync(PersistenceId, 1, long.MaxValue).ConfigureAwait(false))
        {
            if (row is not ReplayedEvent { Event: var stored })
            {
                continue;
            }

            try
            {
                _ = VirtualHostRecord.Decode(stored.Manifest, stored.Payload) switch
                {
                    VirtualHostRecord.VirtualHostAdded added => names.Add(added.Name),
                    var deleted => names.Remove(deleted.Name),
                };
            }
            catch (InvalidDataException bad)
            {
                await store.QuarantineAsync(PersistenceId, stored.SequenceNr, bad.Message).ConfigureAwait(false);
            }
        }

        var journal = new VirtualHostJournal(durability, await store.ReadHighestSequenceNrAsync(PersistenceId).ConfigureAwait(false));
        if (journal._lastSequenceNr == 0)
        {
            await journal.WriteAsync(new VirtualHostRecord.VirtualHostAdded(MessageBroker.DefaultVirtualHost)).ConfigureAwait(false);
            names.Add(MessageBroker.DefaultVirtualHost);
        }

        return (names, journal);
    }
}
