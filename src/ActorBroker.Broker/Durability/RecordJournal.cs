using ActorBroker.Broker.Actors;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The handle of a <see cref="RecordJournalActor"/> for the actor or start-up code that owns the journal. A failed
/// write stops the actor (Akka's rule); the handle then starts its successor, which recovers before it takes the
/// next write. Writes may complete on any thread, so the live actor is swapped under a lock: never two writers.
/// The actor is a top-level actor of the system (created from any thread, which a child could not be); its
/// owner stops it with <see cref="Stop"/>.
/// </summary>
internal sealed class RecordJournal
{
    private readonly ActorSystem _system;
    private readonly TimeSpan _writeTimeout;
    private readonly Lock _gate = new();
    private Task<IActorRef> _actor = Task.FromResult<IActorRef>(ActorRefs.Nobody);

    private RecordJournal(ActorSystem system, string persistenceId, TimeSpan writeTimeout)
    {
        _system = system;
        PersistenceId = persistenceId;
        _writeTimeout = writeTimeout;
    }

    public string PersistenceId { get; }

    /// <summary>
    /// Starts the journal in <paramref name="system"/> and returns it with what its recovery read.
    /// <paramref name="recoveryTimeout"/> bounds the recovery, <paramref name="writeTimeout"/> each write.
    /// </summary>
    /// <exception cref="InvalidDataException">The recovery failed (the journal's cause is the inner exception).</exception>
    /// <exception cref="TimeoutException">The recovery took longer than <paramref name="recoveryTimeout"/>.</exception>
    public static async Task<(RecordJournal Journal, RecordJournalProtocol.Recovered Recovered)> StartAsync(
        ActorSystem system, string persistenceId, TimeSpan recoveryTimeout, TimeSpan writeTimeout)
    {
        var journal = new RecordJournal(system, persistenceId, writeTimeout);
        var (actor, recovered) = await journal.StartActorAsync(recoveryTimeout).ConfigureAwait(true);
        journal._actor = Task.FromResult(actor);
        return (journal, recovered);
    }

    /// <summary>
    /// Starts a journal that is replayed whole and never compacted (a host's policies, its schemas) and folds its
    /// records, in order, into <paramref name="empty"/> with <paramref name="apply"/>.
    /// </summary>
    public static async Task<(TState State, RecordJournal Journal)> StartFoldedAsync<TState>(
        ActorSystem system, string persistenceId, Client.BrokerOptions options, TState empty, Func<TState, object, TState> apply)
    {
        var (journal, recovered) = await StartAsync(system, persistenceId, options.RecoveryTimeout, options.OperationTimeout).ConfigureAwait(true);
        var state = empty;
        foreach (var (_, record) in recovered.Records)
        {
            state = apply(state, record);
        }

        return (state, journal);
    }

    /// <summary>Journals <paramref name="record"/>; completes with its sequence number once it is durable.</summary>
    public async Task<long> WriteAsync(object record)
    {
        Task<IActorRef> current;
        lock (_gate)
        {
            current = _actor;
        }

        try
        {
            var actor = await current.ConfigureAwait(true);
            var written = await actor.AskFor<RecordJournalProtocol.Written>(new RecordJournalProtocol.Write(record), _writeTimeout).ConfigureAwait(true);
            return written.SequenceNr;
        }
        catch (Exception)
        {
            lock (_gate)
            {
                if (_actor == current)
                {
                    _actor = RestartAsync();
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Asks the journal to save <paramref name="snapshot"/> as of <paramref name="sequenceNr"/> and drop what it replaces:
    /// the records up to <paramref name="deleteTo"/> (by default all the snapshot covers). Best effort.
    /// </summary>
    public void Compact(object snapshot, long sequenceNr, long? deleteTo = null)
    {
        lock (_gate)
        {
            if (_actor.IsCompletedSuccessfully)
            {
                _actor.Result.Tell(new RecordJournalProtocol.Compact(snapshot, sequenceNr, deleteTo ?? sequenceNr), ActorRefs.NoSender);
            }
        }
    }

    /// <summary>Stops the journal actor after the writes already sent to it.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _ = _actor.ContinueWith(
                started => started.Result.Tell(PoisonPill.Instance, ActorRefs.NoSender),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task<IActorRef> RestartAsync() => (await StartActorAsync(_writeTimeout).ConfigureAwait(false)).Actor;

    private async Task<(IActorRef Actor, RecordJournalProtocol.Recovered Recovered)> StartActorAsync(TimeSpan timeout)
    {
        // An Inbox listens for the recovery outcome: the owner may be code outside any actor, or an actor that
        // is itself waiting on this recovery inside an async handler.
        using var listener = Inbox.Create(_system);
        var actor = _system.ActorOf(Props.Create(() => new RecordJournalActor(PersistenceId, listener.Receiver)));
        return await listener.ReceiveAsync(timeout).ConfigureAwait(true) switch
        {
            RecordJournalProtocol.Recovered recovered => (actor, recovered),
            Status.Failure failure => throw new InvalidDataException($"Journal '{PersistenceId}' could not be recovered: {failure.Cause.Message}", failure.Cause),
            var other => throw new InvalidOperationException($"Journal '{PersistenceId}' answered its recovery with {other?.GetType().Name}."),
        };
    }
}
