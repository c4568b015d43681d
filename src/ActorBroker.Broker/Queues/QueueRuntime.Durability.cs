using ActorBroker.Broker.Durability;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueRuntime
{
    /// <summary>The persistence id of a durable queue's journal; null for a transient queue, which keeps everything in memory.</summary>
    public string? PersistenceId { get; init; }

    /// <summary>
    /// Whether the recovered messages may have been out for delivery unrecorded (the node that wrote the journal crashed,
    /// or was lost and this node adopted the queue): their first delivery is then flagged redelivered.
    /// </summary>
    public bool RecoversAfterCrash { get; init; }

    /// <summary>The journal of a durable queue, once its journal actor recovered it.</summary>
    public QueueJournal? Journal { get; set; }

    /// <summary>The queue's <see cref="QueueJournalActor"/> (a child of the queue's actor); Nobody while none runs.</summary>
    public IActorRef JournalActor { get; set; } = ActorRefs.Nobody;

    /// <summary>How many journal actors the queue started: each gets a new name, as a stopped one may still hold its own.</summary>
    public int JournalActorsStarted { get; set; }

    /// <summary>Whether the queue holds its commands back until its journal actor has recovered.</summary>
    public bool Recovering { get; set; }

    /// <summary>
    /// Whether the recovered queue still holds its commands until the commits it recovered are settled: their outputs
    /// in their queues, the acks they took in other queues applied there (see QueueActor.Transactions).
    /// </summary>
    public bool SettlingRecoveredCommits { get; set; }

    /// <summary>Whether the queue was asked to stop (it waits for its journal actor's last write).</summary>
    public bool Stopping { get; set; }

    /// <summary>Whether a stop waits for dead letters whose queues have not answered yet (their removal is not journaled).</summary>
    public bool StopAfterDeadLetters { get; set; }

    /// <summary>How many times in a row the queue's recovery failed (backs off the next attempt).</summary>
    public int RecoveryFailures { get; set; }
}
