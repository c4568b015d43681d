using ActorBroker.Broker.Routing;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The journal of one virtual host's durable topology: durable queues (not exclusive ones), durable
/// exchanges, and bindings whose source and destination are both durable. Also knows which queue journal
/// belongs to which durable queue: each declaration gets a journal of its own (named after the
/// declaration's sequence number), so a queue deleted and declared again never sees its old messages.
/// Used by the host's actor only, one change at a time.
/// </summary>
internal sealed partial class DeclarationJournal(string virtualHost, BrokerDurability durability, DurableTopology topology, long lastSequenceNr)
{
    private long _lastSequenceNr = lastSequenceNr;

    public string PersistenceId { get; } = PersistenceIdOf(virtualHost);

    public BrokerDurability Durability { get; } = durability;

    /// <summary>The durable topology including every change handed to <see cref="WriteAsync"/>, durable or on its way.</summary>
    public DurableTopology Topology { get; } = topology;

    public static string PersistenceIdOf(string virtualHost) => "vhost:" + virtualHost;

    public bool IsDurableQueue(string name) => Topology.Queues.ContainsKey(name);

    public bool IsDurableExchange(string name) => Topology.Exchanges.ContainsKey(name) || RoutingTable.Predeclared.Any(p => p.Name == name);

    public bool IsDurable(Binding binding) =>
        IsDurableExchange(binding.Source)
        && (binding.Destination.Kind == DestinationKind.Queue ? IsDurableQueue(binding.Destination.Name) : IsDurableExchange(binding.Destination.Name));

    /// <summary>The journal id of the durable queue <paramref name="name"/>, or null when it is not durable.</summary>
    public string? QueuePersistenceId(string name) =>
        Topology.Queues.TryGetValue(name, out var queue) ? QueuePersistenceId(name, queue.DeclaredAt) : null;

    /// <summary>The journal id of the queue <paramref name="name"/> declared at <paramref name="declaredAt"/>.</summary>
    public string QueuePersistenceId(string name, long declaredAt) => $"queue:{virtualHost}/{name}/{declaredAt}";

    /// <summary>
    /// Applies <paramref name="record"/> to <see cref="Topology"/> at once and writes it through the group-commit
    /// writer; completes with its sequence number once durable.
    /// </summary>
    public async Task<long> WriteAsync(DeclarationRecord record)
    {
        var sequenceNr = ++_lastSequenceNr;
        Topology.Apply(record, sequenceNr);
        var write = new AtomicWrite(PersistenceId, new JournalEvent(sequenceNr, DeclarationRecord.ManifestName, record.Encode(), DateTimeOffset.UtcNow));
        var written = Durability.Persistence.Writer.WriteAsync(write).AsTask();
        CompactIfDue(sequenceNr, written);
        await written.ConfigureAwait(false);
        return sequenceNr;
    }

    /// <summary>Deletes the journal of a deleted durable queue, after the writes already queued (best effort: a leftover is never read again).</summary>
    public void DeleteQueueJournal(string persistenceId)
    {
        var persistence = Durability.Persistence;
        _ = Task.Run(async () =>
        {
            try
            {
                await persistence.Writer.WhenWrittenAsync().ConfigureAwait(false);
                var highest = await persistence.Journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
                await persistence.Journal.DeleteUpToAsync(persistenceId, highest).ConfigureAwait(false);
                await persistence.Snapshots.DeleteSnapshotsAsync(persistenceId, long.MaxValue).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Whatever failed (store down, node shutting down), the rows stay unreferenced by any declaration.
            }
        });
    }
}
