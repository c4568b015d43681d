using ActorBroker.Persistence;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Makes durable queues, exchanges and bindings survive a restart: hand it to
/// <see cref="Client.BrokerOptions.Durability"/> and start the broker with
/// <see cref="Client.MessageBroker.StartAsync(Akka.Actor.ActorSystem, Client.BrokerOptions)"/>, which recovers them before it
/// returns. Without it the broker keeps everything in memory.
/// </summary>
/// <param name="Persistence">The node's journal, snapshot store and group-commit writer (started by the caller, who also disposes it after the actor system terminated).</param>
public sealed record BrokerDurability(PersistenceExtension Persistence)
{
    private readonly int _snapshotEvery = 1000;

    /// <summary>
    /// Journal events of a queue between snapshots, at least (a queue with a long backlog waits for twice its
    /// length, so a snapshot costs no more than the events it lets go). A stream saves its index this often, so a
    /// restart replays no more of its entries than this.
    /// </summary>
    public int SnapshotEvery
    {
        get => _snapshotEvery;
        init => _snapshotEvery = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(SnapshotEvery), value, "SnapshotEvery must be at least 1.");
    }

    /// <summary>How long a read of a queue's journal rows (bodies paged back in) may take before it counts as failed.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the previous run over this journal ended without a clean stop (a crash or a kill). Then every recovered
    /// persistent message is flagged redelivered on its first delivery: a delivery's record is written behind it, so
    /// any of them may have been out for delivery. Default false: only journaled deliveries flag their messages.
    /// </summary>
    public bool RecoveredAfterCrash { get; init; }

    /// <summary>
    /// The name of this node when its journal is shared by every node of a cluster (one PostgreSQL database), else null
    /// (the journal is this node's alone). On a shared journal the journals this node writes as a node (its virtual
    /// hosts, each host's topology, policies and schemas, its delayed and deduplicating exchanges, and the queues and
    /// streams it declares) are named under <c>node/&lt;name&gt;/</c>, so they never collide with another node's; a queue
    /// keeps the name it was declared with wherever it moves. The name must therefore be unique and stable across restarts.
    /// </summary>
    public string? SharedJournalNode { get; init; }

    /// <summary>The persistence id under which this node writes the journal <paramref name="id"/>: see <see cref="SharedJournalNode"/>.</summary>
    internal string JournalId(string id) => SharedJournalNode is null ? id : $"node/{SharedJournalNode}/{id}";
}
