using ActorBroker.Broker.Client;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Streams;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The journal of one virtual host's durable topology, a persistent actor (<see cref="RecordJournalActor"/>):
/// durable queues (not exclusive ones), durable exchanges, and bindings whose source and destination are both
/// durable. Also knows which queue journal belongs to which durable queue: each declaration gets a journal of its
/// own (named after the declaration's sequence number), so a queue deleted and declared again never sees its old
/// messages. Used by the host's actor only, one change at a time.
/// </summary>
internal sealed partial class DeclarationJournal(string virtualHost, BrokerDurability durability, DurableTopology topology, RecordJournal journal, long lastSequenceNr)
{
    // The sequence number the journal actor will give the next record: it is the only writer and writes in order.
    // A failed write stops it and its successor may reuse numbers; a write that completes (on any thread) puts
    // the guess right again. A wrong guess only makes the journal skip a compaction, which it checks.
    private long _lastSequenceNr = lastSequenceNr;

    public BrokerDurability Durability { get; } = durability;

    /// <summary>The durable topology including every change handed to <see cref="WriteAsync"/>, durable or on its way.</summary>
    public DurableTopology Topology { get; } = topology;

    public static string PersistenceIdOf(string virtualHost) => "topology/" + virtualHost;

    public bool IsDurableQueue(string name) => Topology.Queues.ContainsKey(name);

    public bool IsDurableExchange(string name) => Topology.Exchanges.ContainsKey(name) || RoutingTable.Predeclared.Any(p => p.Name == name);

    public bool IsDurable(Binding binding) =>
        IsDurableExchange(binding.Source)
        && (binding.Destination.Kind == DestinationKind.Queue ? IsDurableQueue(binding.Destination.Name) : IsDurableExchange(binding.Destination.Name));

    /// <summary>The journal id of the durable queue or stream <paramref name="name"/>, or null when it is not durable.</summary>
    public string? QueuePersistenceId(string name) =>
        !Topology.Queues.TryGetValue(name, out var queue) ? null
        : queue.JournalId is not null ? queue.JournalId
        : StreamSettings.IsStream(queue.Declaration) ? StreamPersistenceId(name, queue.DeclaredAt)
        : QueuePersistenceId(name, queue.DeclaredAt);

    /// <summary>Whether this journal holds the durable queue <paramref name="name"/> with its messages in <paramref name="persistenceId"/>.</summary>
    public bool HoldsQueue(string name, string persistenceId) => QueuePersistenceId(name) == persistenceId;

    /// <summary>The log of the stream <paramref name="name"/> declared at <paramref name="declaredAt"/>.</summary>
    public string StreamPersistenceId(string name, long declaredAt) => Durability.JournalId($"stream/{virtualHost}/{name}/{declaredAt}");

    /// <summary>The journal id of the queue <paramref name="name"/> declared at <paramref name="declaredAt"/>.</summary>
    public string QueuePersistenceId(string name, long declaredAt) => Durability.JournalId($"queue/{virtualHost}/{name}/{declaredAt}");

    /// <summary>
    /// Refuses to recover queues whose messages are still in the layout before queues became persistent actors
    /// (2026-12-06): rows under "queue:&lt;vhost&gt;/&lt;name&gt;/&lt;n&gt;", written by the broker's own journal layer.
    /// </summary>
    /// <exception cref="Errors.BrokerException">Such rows exist (internal error, saying what to do).</exception>
    public async Task RequireCurrentQueueLayoutAsync()
    {
        // Queues another node declared were written in the current layout: it came after queues were shared.
        foreach (var (name, (_, declaredAt, _)) in Topology.QueuesInOrder.Where(q => q.Value.JournalId is null))
        {
            var formerId = $"queue:{virtualHost}/{name}/{declaredAt}";
            if (await Durability.Persistence.Journal.ReadHighestSequenceNrAsync(formerId).ConfigureAwait(true) > 0)
            {
                throw new Errors.BrokerException(Errors.BrokerErrorCode.InternalError,
                    $"The journal holds the messages of queue '{name}' in virtual host '{virtualHost}' in the layout of ActorBroker " +
                    "before its queues became persistent actors (2026-12-06), which this version does not read: start the previous " +
                    "version on it, drain or export its messages, and start this version on an empty data directory.");
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="record"/> to <see cref="Topology"/> at once and journals it; completes with its
    /// sequence number once durable.
    /// </summary>
    /// <remarks>
    /// A queue's declaration is applied with the sequence number expected; its declarer, on the host's actor,
    /// puts the number the journal gave into the topology with <see cref="Declared"/>.
    /// </remarks>
    public async Task<long> WriteAsync(DeclarationRecord record)
    {
        var expected = Interlocked.Increment(ref _lastSequenceNr);
        Topology.Apply(record, expected);
        var snapshot = SnapshotIfDue();
        var sequenceNr = await journal.WriteAsync(record).ConfigureAwait(false);
        if (sequenceNr != expected)
        {
            Interlocked.Exchange(ref _lastSequenceNr, sequenceNr);
        }
        else if (snapshot is not null)
        {
            journal.Compact(snapshot, sequenceNr);
        }

        return sequenceNr;
    }

    /// <summary>Records the sequence number the journal gave the declaration of queue <paramref name="name"/>; call it on the host's actor.</summary>
    public void Declared(string name, QueueDeclaration declaration, long sequenceNr) =>
        Topology.Apply(new DeclarationRecord.QueueDeclared(name, declaration), sequenceNr);

    public void Stop() => journal.Stop();

    /// <summary>Starts the host's topology journal in <paramref name="system"/> and reads the topology: the newest snapshot, then the records after it.</summary>
    public static async Task<DeclarationJournal> RecoverAsync(ActorSystem system, string virtualHost, BrokerDurability durability, BrokerOptions options)
    {
        var (journal, recovered) = await RecordJournal.StartAsync(system, durability.JournalId(PersistenceIdOf(virtualHost)), options.RecoveryTimeout, options.OperationTimeout).ConfigureAwait(true);
        var topology = recovered.Snapshot is TopologySnapshot snapshot ? snapshot.Decode() : new DurableTopology();
        foreach (var (sequenceNr, record) in recovered.Records)
        {
            if (record is DeclarationRecord declaration)
            {
                topology.Apply(declaration, sequenceNr);
            }
        }

        return new DeclarationJournal(virtualHost, durability, topology, journal, recovered.LastSequenceNr);
    }
}
