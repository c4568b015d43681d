using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The durable topology of a virtual host as its declaration journal says it is now: rebuilt by recovery from
/// the newest snapshot and the records after it, then kept current by every record the host journals.
/// </summary>
internal sealed class DurableTopology
{
    public const string SnapshotManifest = "vhost.topology.v1";

    public Dictionary<string, ExchangeSettings> Exchanges { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Durable queues with the sequence number of their declaration, which names their journal when this node declared
    /// them; a queue another node declared names its journal (<c>JournalId</c>, else null).
    /// </summary>
    public Dictionary<string, (QueueDeclaration Declaration, long DeclaredAt, string? JournalId)> Queues { get; } = new(StringComparer.Ordinal);

    public List<Binding> Bindings { get; } = [];

    /// <summary>Durable queues in declaration order.</summary>
    public IEnumerable<KeyValuePair<string, (QueueDeclaration Declaration, long DeclaredAt, string? JournalId)>> QueuesInOrder =>
        Queues.OrderBy(q => q.Value.DeclaredAt);

    public void Apply(DeclarationRecord record, long sequenceNr)
    {
        switch (record)
        {
            case DeclarationRecord.QueueDeclared q:
                Queues[q.Name] = (q.Declaration, sequenceNr, null);
                break;
            case DeclarationRecord.QueueDeclaredElsewhere q:
                Queues[q.Name] = (q.Declaration, sequenceNr, q.PersistenceId);
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

    /// <summary>
    /// The topology as the records that declare it (each queue with the sequence number of its declaration), so a
    /// snapshot is read back with the same code as the journal.
    /// </summary>
    public byte[] EncodeSnapshot()
    {
        // Each record is encoded before the snapshot's writer is taken: both use the thread's one writer.
        var entries = Exchanges.Select(e => (0L, new DeclarationRecord.ExchangeDeclared(e.Key, e.Value).Encode()))
            .Concat(QueuesInOrder.Select(q => (q.Value.DeclaredAt, QueueRecord(q.Key, q.Value.Declaration, q.Value.JournalId).Encode())))
            .Concat(Bindings.Select(b => (0L, new DeclarationRecord.Bound(b).Encode())))
            .ToList();
        var writer = RecordWriter.Rent();
        writer.Int32(entries.Count);
        foreach (var (sequenceNr, record) in entries)
        {
            writer.Int64(sequenceNr);
            writer.Bytes(record);
        }

        return writer.ToArray();
    }

    private static DeclarationRecord QueueRecord(string name, QueueDeclaration declaration, string? journalId) => journalId is null
        ? new DeclarationRecord.QueueDeclared(name, declaration)
        : new DeclarationRecord.QueueDeclaredElsewhere(name, declaration, journalId);

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static DurableTopology DecodeSnapshot(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != SnapshotManifest)
        {
            throw new InvalidDataException($"Unknown topology snapshot manifest '{manifest}'.");
        }

        var topology = new DurableTopology();
        var reader = new RecordReader(payload);
        for (var count = reader.Int32(); count > 0; count--)
        {
            var sequenceNr = reader.Int64();
            topology.Apply(DeclarationRecord.Decode(DeclarationRecord.ManifestName, reader.Bytes()), sequenceNr);
        }

        return reader.AtEnd ? topology : throw new InvalidDataException("A topology snapshot has trailing bytes.");
    }
}
