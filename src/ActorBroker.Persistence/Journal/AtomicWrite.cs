namespace ActorBroker.Persistence.Journal;

/// <summary>
/// Events of one persistent entity that are stored all together or not at all.
/// Their sequence numbers must be consecutive and ascending.
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>Creates a write; throws <see cref="ArgumentException"/> when the events are empty or not consecutive.</summary>
    public AtomicWrite(string persistenceId, IReadOnlyList<JournalEvent> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException($"An atomic write for '{persistenceId}' needs at least one event.", nameof(events));
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].SequenceNr != events[i - 1].SequenceNr + 1)
            {
                throw new ArgumentException(
                    $"Events of an atomic write for '{persistenceId}' must have consecutive sequence numbers; " +
                    $"{events[i].SequenceNr} follows {events[i - 1].SequenceNr}.",
                    nameof(events));
            }
        }

        PersistenceId = persistenceId;
        Events = events;
    }

    /// <summary>Creates a write of a single event.</summary>
    public AtomicWrite(string persistenceId, JournalEvent single)
        : this(persistenceId, [single])
    {
    }

    /// <summary>The entity the events belong to.</summary>
    public string PersistenceId { get; }

    /// <summary>The events, in sequence-number order.</summary>
    public IReadOnlyList<JournalEvent> Events { get; }

    /// <summary>Sequence number of the first event.</summary>
    public long LowestSequenceNr => Events[0].SequenceNr;

    /// <summary>Sequence number of the last event.</summary>
    public long HighestSequenceNr => Events[^1].SequenceNr;
}
