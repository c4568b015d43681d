using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Durability;

/// <summary>The durable topology of a virtual host as its journal says it is now.</summary>
internal sealed class RecoveredTopology
{
    public Dictionary<string, ExchangeSettings> Exchanges { get; } = new(StringComparer.Ordinal);

    /// <summary>Durable queues in declaration order, with the sequence number of their declaration.</summary>
    public Dictionary<string, (QueueDeclaration Declaration, long DeclaredAt)> Queues { get; } = new(StringComparer.Ordinal);

    public List<Binding> Bindings { get; } = [];

    public void Apply(DeclarationRecord record, long sequenceNr)
    {
        switch (record)
        {
            case DeclarationRecord.QueueDeclared q:
                Queues[q.Name] = (q.Declaration, sequenceNr);
                break;
            case DeclarationRecord.QueueDeleted q:
                Queues.Remove(q.Name);
                Bindings.RemoveAll(b => b.Destination == Destination.Queue(q.Name));
                break;
            case DeclarationRecord.ExchangeDeclared e:
                Exchanges[e.Name] = e.Settings;
                break;
            case DeclarationRecord.ExchangeDeleted e:
                Exchanges.Remove(e.Name);
                Bindings.RemoveAll(b => b.Source == e.Name || b.Destination == Destination.Exchange(e.Name));
                break;
            case DeclarationRecord.Bound b when !Bindings.Contains(b.Binding):
                Bindings.Add(b.Binding);
                break;
            case DeclarationRecord.Unbound u:
                Bindings.Remove(u.Binding);
                break;
        }
    }

    /// <summary>Reads the host's declaration journal; an unreadable row is quarantined and skipped.</summary>
    public static async Task<(RecoveredTopology Topology, DeclarationJournal Journal)> RecoverAsync(string virtualHost, BrokerDurability durability)
    {
        var journal = durability.Persistence.Journal;
        var persistenceId = DeclarationJournal.PersistenceIdOf(virtualHost);
        var topology = new RecoveredTopology();
        await foreach (var row in journal.ReplayAsync(persistenceId, 1, long.MaxValue).ConfigureAwait(false))
        {
            if (row is not ReplayedEvent { Event: var stored })
            {
                continue;
            }

            try
            {
                topology.Apply(DeclarationRecord.Decode(stored.Manifest, stored.Payload), stored.SequenceNr);
            }
            catch (InvalidDataException bad)
            {
                await journal.QuarantineAsync(persistenceId, stored.SequenceNr, bad.Message).ConfigureAwait(false);
            }
        }

        var highest = await journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
        return (topology, new DeclarationJournal(virtualHost, durability, highest));
    }
}
