using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

public abstract partial class PersistentActor
{
    /// <summary>
    /// Persists <paramref name="event"/>; <paramref name="handler"/> runs on this actor once it is durable,
    /// with <c>Sender</c> still the command's sender. Commands that arrive meanwhile are stashed. All events
    /// persisted while handling one command are written as one atomic write. Throws when called during
    /// recovery or when the event cannot be serialized (then nothing of it is kept).
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull =>
        Collect(@event, handler, holdCommands: true);

    /// <summary>Persists several events as one atomic write; <paramref name="handler"/> runs for each in order once all are durable.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            Persist(@event, handler);
        }
    }

    /// <summary>
    /// Like <see cref="Persist{TEvent}"/>, but the actor goes on taking commands while the write is on its way;
    /// handlers still run in persist order, each once its event is durable. Use it where a command's effect
    /// may wait for durability (a publisher confirm) but the next command need not: many events of one actor
    /// then share a group commit.
    /// </summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull =>
        Collect(@event, handler, holdCommands: false);

    private void Collect<TEvent>(TEvent @event, Action<TEvent> handler, bool holdCommands)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        if (_recovering)
        {
            throw new InvalidOperationException(
                $"Persist called during recovery of '{PersistenceId}': ReceiveRecover only rebuilds state from events.");
        }

        // Serialized now so a bad event fails the command that produced it, before any sequence number is taken.
        var serialized = Persistence.Serializer.Serialize(@event);
        var write = _collecting ??= new PendingWrite(Self, _incarnation, Sender, _assignedSequenceNr + 1);
        write.Events.Add(new JournalEvent(_assignedSequenceNr + 1, serialized.Manifest, serialized.Payload, DateTimeOffset.UtcNow));
        write.Invocations.Add((@event, e => handler((TEvent)e)));
        write.HoldsCommands |= holdCommands;
        _assignedSequenceNr++;
    }

    private void FlushCollected()
    {
        if (_collecting is not { } write)
        {
            return;
        }

        _collecting = null;
        _inFlight.Enqueue(write);
        if (write.HoldsCommands)
        {
            _writesHoldingCommands++;
        }

        Persistence.Writer.Enqueue(new AtomicWrite(PersistenceId, write.Events), write);
    }

    private void DiscardCollected()
    {
        if (_collecting is { } write)
        {
            _assignedSequenceNr = write.FromSequenceNr - 1;
            _collecting = null;
        }
    }

    private void OnWriteFinished(PendingWrite write, Exception? failure)
    {
        write.Finish(failure);
        // The writer answers in order, except a write it refuses at once (queue full, shut down): that
        // verdict can overtake earlier writes, so it waits here until those are answered.
        while (_inFlight.TryPeek(out var oldest) && oldest.IsFinished)
        {
            _inFlight.Dequeue();
            Complete(oldest);
        }

        if (IsAcceptingCommands)
        {
            Context.Stash.UnstashAll();
        }
    }

    private void Complete(PendingWrite write)
    {
        if (write.HoldsCommands)
        {
            _writesHoldingCommands--;
        }

        if (write.Failure is { } failure)
        {
            // With nothing else in flight the failed numbers are free again; otherwise later writes hold higher ones.
            if (_inFlight.Count == 0)
            {
                _assignedSequenceNr = write.FromSequenceNr - 1;
            }

            OnPersistFailure(failure, write.Invocations[0].Event, write.FromSequenceNr);
            return;
        }

        var sequenceNr = write.FromSequenceNr;
        foreach (var (@event, handler) in write.Invocations)
        {
            LastSequenceNr = sequenceNr++;
            handler(@event);
        }

        // A handler may persist again: that write goes out now, before stashed commands run.
        FlushCollected();
    }
}
