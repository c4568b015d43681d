using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

/// <summary>
/// An actor whose state is the sum of its persisted events (Akka's PersistentActor). On start it recovers:
/// the newest snapshot, then every later event, go to <see cref="ReceiveRecover"/>; commands that arrive
/// meanwhile are stashed and handled afterwards in their order. A command handler calls
/// <see cref="Persist{TEvent}"/>; the events go through the node's group-commit writer and their handlers run
/// on the actor once they are durable. Until then further commands are stashed, so state never runs ahead
/// of the journal. <see cref="PersistAsync{TEvent}"/> keeps taking commands meanwhile, for throughput.
/// Stashing uses the actor's <c>Context.Stash</c>: messages the actor stashed itself are released with them.
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private readonly object _incarnation = new();
    // Writes handed to the writer, oldest first: the one writer loop answers them in this order.
    private readonly Queue<PendingWrite> _inFlight = new();
    private bool _recovering = true;
    private int _writesHoldingCommands;
    // The highest sequence number handed to an event; ahead of LastSequenceNr while writes are in flight.
    private long _assignedSequenceNr;
    private PendingWrite? _collecting;
    private PersistenceExtension? _persistence;

    /// <summary>The stable id of this actor's event log; must not change between incarnations.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>
    /// The sequence number of the last event replayed or made durable (0 before the first). Inside a persist
    /// handler it is that handler's event, so it can serve as the event's offset.
    /// </summary>
    protected long LastSequenceNr { get; private set; }

    /// <summary>True until recovery has completed.</summary>
    protected bool IsRecovering => _recovering;

    /// <summary>
    /// Journal, snapshot store, writer and serializer this actor uses. By default the extension registered
    /// with the actor system; override to use one handed in through the actor's constructor.
    /// </summary>
    protected virtual PersistenceExtension Persistence => _persistence ??= PersistenceExtension.For(Context.System);

    /// <summary>Handles a replayed event, a <see cref="SnapshotOffer"/> and finally <see cref="RecoveryCompleted"/>; must not persist.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command; may call <see cref="Persist{TEvent}"/> and the other journal operations.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>
    /// A write failed (store down, disk full, sequence number taken); <paramref name="event"/> is its first
    /// event. None of the write's events is applied. The default stops the actor, as Akka does: whether a
    /// write whose commit failed is stored is unknown until the next recovery reads the journal.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) => Context.Stop(Self);

    /// <summary>Recovery could not load or replay the log; the default publishes <see cref="RecoveryFailed"/> and stops the actor.</summary>
    protected virtual void OnRecoveryFailure(Exception cause)
    {
        Context.System.EventStream.Publish(new RecoveryFailed(PersistenceId, cause));
        Context.Stop(Self);
    }

    /// <summary>Recovery met an unreadable event and moved it to quarantine; the default publishes <see cref="EventQuarantined"/>.</summary>
    protected virtual void OnEventQuarantined(QuarantinedEvent quarantined) =>
        Context.System.EventStream.Publish(new EventQuarantined(quarantined));

    /// <summary>Starts recovery. Sealed: do start-up work on <see cref="RecoveryCompleted"/>, when the state is known.</summary>
    protected sealed override void PreStart()
    {
        if (string.IsNullOrEmpty(PersistenceId))
        {
            throw new InvalidOperationException($"{GetType().Name} has no PersistenceId: it names the actor's event log and must not be empty.");
        }

        StartRecovery();
    }

    protected sealed override bool Receive(object message)
    {
        if (message is PersistenceSignal signal)
        {
            // A signal for an earlier instance of this actor (before a restart) is stale: drop it.
            if (ReferenceEquals(signal.Incarnation, _incarnation))
            {
                OnSignal(signal);
            }

            return true;
        }

        if (!IsAcceptingCommands)
        {
            Context.Stash.Stash();
            return true;
        }

        return HandleCommand(message);
    }

    private void OnSignal(PersistenceSignal signal)
    {
        switch (signal)
        {
            case WriteFinished finished:
                OnWriteFinished(finished.Write, finished.Failure);
                break;
            case TaskFinished when !IsAcceptingCommands:
                Context.Stash.Stash();
                break;
            case TaskFinished finished when !HandleCommand(finished.Result):
                Unhandled(finished.Result);
                break;
            case TaskFinished:
                break;
            default:
                OnRecoverySignal(signal);
                break;
        }
    }

    private bool HandleCommand(object message)
    {
        bool handled;
        try
        {
            handled = ReceiveCommand(message);
        }
        catch
        {
            // The failed command's events must not be written with the next command's if the supervisor resumes.
            DiscardCollected();
            throw;
        }

        FlushCollected();
        return handled;
    }

    private bool IsAcceptingCommands => !_recovering && _writesHoldingCommands == 0;

    private void BecomeReady()
    {
        _recovering = false;
        Context.Stash.UnstashAll();
    }
}
