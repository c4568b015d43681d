using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

public abstract partial class PersistentActor
{
    /// <summary>
    /// Persists <paramref name="event"/>; <paramref name="handler"/> runs on this actor once it is durable,
    /// with <c>Sender</c> still the command's sender. All events persisted while handling one command are
    /// written as one atomic write. Throws when called during recovery or when the event cannot be serialized.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        if (_phase == Phase.Recovering)
        {
            throw new InvalidOperationException(
                $"Persist called during recovery of '{PersistenceId}': ReceiveRecover only rebuilds state from events.");
        }

        // Serialized now so a bad event fails the command that produced it, before any sequence number is taken.
        var serialized = Persistence.Serializer.Serialize(@event);
        _collecting ??= new PendingWrite(Self, _incarnation, Sender, LastSequenceNr + 1);
        _collecting.Invocations.Add((@event, e => handler((TEvent)e)));
        LastSequenceNr++;
        _collectedEvents.Add(new JournalEvent(LastSequenceNr, serialized.Manifest, serialized.Payload, DateTimeOffset.UtcNow));
    }

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

    private void FlushCollected()
    {
        if (_collecting is not { } write)
        {
            return;
        }

        _collecting = null;
        var events = _collectedEvents.ToArray();
        _collectedEvents.Clear();
        _phase = Phase.Writing;
        _inFlight = write;
        Persistence.Writer.Enqueue(new AtomicWrite(PersistenceId, events), write);
    }

    private void DiscardCollected()
    {
        if (_collecting is { } write)
        {
            LastSequenceNr = write.FromSequenceNr - 1;
            _collecting = null;
            _collectedEvents.Clear();
        }
    }

    private void OnWriteFinished(PendingWrite write, Exception? failure)
    {
        if (!ReferenceEquals(write, _inFlight))
        {
            return;
        }

        _inFlight = null;
        if (failure is not null)
        {
            LastSequenceNr = write.FromSequenceNr - 1;
            _phase = Phase.Ready;
            OnPersistFailure(failure, write.Invocations[0].Event, write.FromSequenceNr);
            Context.Stash.UnstashAll();
            return;
        }

        foreach (var (@event, handler) in write.Invocations)
        {
            handler(@event);
        }

        // A handler may persist again: that write goes out now and commands stay stashed until it is durable.
        _phase = Phase.Ready;
        if (_collecting is not null)
        {
            FlushCollected();
            return;
        }

        Context.Stash.UnstashAll();
    }
}
