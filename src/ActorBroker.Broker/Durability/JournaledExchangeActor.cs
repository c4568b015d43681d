using ActorBroker.Broker.Client;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// An exchange that keeps state of its own (held delayed messages, a deduplication window) on its own
/// <see cref="RecordJournal"/> when it is durable on a durable broker: it reads the journal before it serves, holding the
/// commands that arrive meanwhile in order; a journal that cannot be read fails the actor, and the parent's restart reads
/// it again. A transient exchange serves at once.
/// </summary>
internal abstract class JournaledExchangeActor(BrokerOptions options) : ReceiveActor, IWithUnboundedStash
{
    private string? _persistenceId;

    /// <summary>Called last by the exchange's constructor.</summary>
    /// <param name="persistenceId">The exchange's journal, recovered before it serves (named under this node's on a shared journal); null: it serves at once (transient).</param>
    /// <param name="what">The exchange, for the error when its journal cannot be read ("Delayed exchange 'x'").</param>
    protected void Begin(string? persistenceId, string what)
    {
        _persistenceId = persistenceId is null ? null : options.Durability!.JournalId(persistenceId);
        if (persistenceId is null)
        {
            Serve();
            return;
        }

        Receive<Started>(started =>
        {
            Journal = started.Journal;
            Recover(started.Recovered);
            Become(Serve);
            Stash.UnstashAll();
            Recovered();
        });
        Receive<Status.Failure>(failed => throw new InvalidDataException($"{what} could not recover its journal: {failed.Cause.Message}", failed.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>The exchange's journal once recovered; null for a transient exchange.</summary>
    protected RecordJournal? Journal { get; private set; }

    protected override void PreStart()
    {
        if (_persistenceId is not null)
        {
            RecordJournal.StartAsync(Context.System, _persistenceId, options.RecoveryTimeout, options.OperationTimeout)
                .PipeTo(Self, success: started => new Started(started.Journal, started.Recovered));
        }
    }

    protected override void PostStop() => Journal?.Stop();

    /// <summary>Rebuilds the exchange's state from what its journal held.</summary>
    protected abstract void Recover(RecordJournalProtocol.Recovered recovered);

    /// <summary>Registers the handlers of the serving exchange.</summary>
    protected abstract void Serve();

    /// <summary>Runs once the held commands are back in the mailbox, after a recovery.</summary>
    protected virtual void Recovered()
    {
    }

    private sealed record Started(RecordJournal Journal, RecordJournalProtocol.Recovered Recovered);
}
