using System.Collections.Immutable;
using ActorBroker.Persistence.Journal;
using Akka.Configuration;
using Akka.Event;
using Akka.Serialization;
using AkkaAtomicWrite = Akka.Persistence.AtomicWrite;
using IPersistentRepresentation = Akka.Persistence.IPersistentRepresentation;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// Akka.Persistence journal plugin <c>akka.persistence.journal.actorbroker</c> over the project's group-commit
/// store. Akka starts one <see cref="WriteMessagesAsync"/> per persistent actor without waiting for the others;
/// each hands its events to the node's one <see cref="GroupCommit.JournalWriter"/>, which commits whatever queued
/// meanwhile from every actor in one transaction and one fsync.
/// </summary>
public sealed partial class GroupCommitJournal : Akka.Persistence.Journal.AsyncWriteJournal
{
    private readonly PluginStore _store;
    private readonly Serialization _serialization;
    private readonly ILoggingAdapter _log;
    private readonly EventStream _eventStream;
    private readonly bool _ownerFencing;

    /// <summary>Created by Akka.Persistence with the plugin's config section.</summary>
    public GroupCommitJournal(Config config)
    {
        _store = new PluginStore(JournalStores.Get(Context.System), config);
        _ownerFencing = GroupCommitPersistence.OwnerFencing(config);
        _serialization = Context.System.Serialization;
        _log = Context.GetLogger();
        // Captured here: replay reports from the store's threads, where Context is not available.
        _eventStream = Context.System.EventStream;
    }

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(
        IEnumerable<AkkaAtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var rejections = new Exception?[writes.Count];
        var events = new List<(string PersistenceId, JournalEvent Event)>();
        var timestamp = DateTimeOffset.UtcNow;
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                var serialized = ((IImmutableList<IPersistentRepresentation>)writes[i].Payload)
                    .Select(p => (p.PersistenceId, Serialize(p, timestamp)))
                    .ToList();
                events.AddRange(serialized);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Akka's contract: a write the journal cannot even encode is rejected, and the actor goes on.
                rejections[i] = exception;
            }
        }

        var store = await _store.GetAsync().ConfigureAwait(false);
        // Told with the last write, the moment it commits, on the writer's thread: a publisher confirm goes out without
        // waiting for this method's continuation and Akka's answer to the actor.
        var committed = CommittedCallbacks.Of(writes, rejections);
        AtomicWrite? previous = null;
        foreach (var write in ConsecutiveRuns(events))
        {
            // Not cancellable: once queued, a write is part of a batch. One run after the other: a later run must
            // not be committed after an earlier one failed, or the entity's log would have a hole that replay
            // could not tell from deleted events.
            if (previous is not null)
            {
                await store.Writer.WriteAsync(previous).ConfigureAwait(false);
            }

            previous = write;
        }

        if (previous is not null)
        {
            await store.Writer.WriteAsync(previous, committed).ConfigureAwait(false);
        }

        // Akka reads null as "none rejected", which spares a list per call on the common path.
        return Array.Exists(rejections, r => r is not null) ? [.. rejections] : null!;
    }

    private JournalEvent Serialize(IPersistentRepresentation representation, DateTimeOffset timestamp)
    {
        var payload = StoredPayload.Serialize(_serialization, representation.Payload);
        return new JournalEvent(representation.SequenceNr, payload.Manifest, payload.Bytes, timestamp);
    }

    /// <summary>
    /// Akka's writes of one call, merged into as few atomic writes as sequence numbers allow: usually one, so the
    /// events of one actor's call are all stored or none. A rejected write in between leaves a gap and splits them.
    /// </summary>
    private static IEnumerable<AtomicWrite> ConsecutiveRuns(List<(string PersistenceId, JournalEvent Event)> events)
    {
        var start = 0;
        for (var i = 1; i <= events.Count; i++)
        {
            if (i == events.Count
                || events[i].PersistenceId != events[start].PersistenceId
                || events[i].Event.SequenceNr != events[i - 1].Event.SequenceNr + 1)
            {
                yield return new AtomicWrite(events[start].PersistenceId, events[start..i].Select(e => e.Event).ToArray());
                start = i;
            }
        }
    }
}
