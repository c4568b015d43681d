using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Sharding;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHostActor
{
    private async Task RestoreAsync(VirtualHostProtocol.Restore restore)
    {
        var replyTo = Sender;
        try
        {
            await ReadPeersAsync().ConfigureAwait(true);
            if (_options.Durability is { } durability && _host.Journal is null)
            {
                await RestoreTopologyAsync(durability).ConfigureAwait(true);
                Replicate([.. TopologyChange.Of(_host.Routing)]);
                // What the peers hold and this node's journal lacks (changes made while it was away), so that this
                // node's journal alone restores the whole topology next time.
                await (JournalApplied(TopologyChange.Everything(_host.Routing)) ?? Task.CompletedTask).ConfigureAwait(true);
            }

            _host.MarkRestored();
            replyTo.Tell(VirtualHostProtocol.Done.Instance);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The host stays without a journal, so the next connect tries again.
            replyTo.Tell(new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                $"Virtual host '{_host.Name}' could not recover its durable queues and exchanges: {error.Message}")));
        }
    }

    private async Task RestoreTopologyAsync(BrokerDurability durability)
    {
        await RestorePoliciesAsync().ConfigureAwait(true);
        await RestoreSchemasAsync().ConfigureAwait(true);
        var journal = await DeclarationJournal.RecoverAsync(Context.System, _host.Name, durability, _options).ConfigureAwait(true);
        await journal.RequireCurrentQueueLayoutAsync().ConfigureAwait(true);
        await ForgetWhatCurrentPeersLackAsync(journal).ConfigureAwait(true);
        var topology = journal.Topology;
        var routing = _host.Routing;
        foreach (var (name, settings) in topology.Exchanges)
        {
            routing = routing.DeclareExchange(name, settings);
        }

        var queues = new List<IQueueEndpoint>();
        foreach (var (name, (declaration, declaredAt, journalId)) in topology.QueuesInOrder)
        {
            if (routing.TryGetQueue(name, out var elsewhere) && elsewhere is QueueEndpoint { IsLocal: false })
            {
                // Another node adopted it while this one was lost (or declared it since): it writes its journal now.
                continue;
            }

            var arguments = _host.EffectiveArguments(name, declaration);
            if (arguments.Type == QueueType.Stream)
            {
                queues.Add(new QueueEndpoint(name, declaration, arguments, 0, await RestoreStreamAsync(journal, name, declaration, declaredAt).ConfigureAwait(true)));
                continue;
            }

            // A queue another node declared: whether its last holder stopped cleanly is not known here.
            queues.Add(await StartDurableQueueAsync(name, declaration, arguments, journalId ?? journal.QueuePersistenceId(name, declaredAt), adopted: journalId is not null)
                .ConfigureAwait(true));
        }

        routing = routing.AddQueues(queues);

        foreach (var binding in topology.Bindings)
        {
            routing = routing.Bind(binding);
        }

        _host.Routing = routing;
        _host.Journal = journal;
        foreach (var (name, settings) in topology.Exchanges)
        {
            StartDelayedExchange(name, settings);
            StartDeduplicatingExchange(name, settings);
        }
    }

    /// <summary>
    /// Starts the actor of a durable queue that recovers from <paramref name="persistenceId"/>, and returns its endpoint.
    /// An <paramref name="adopted"/> queue's node was lost, so its messages may have been out for delivery: they come
    /// back flagged redelivered, as after a crash.
    /// </summary>
    private async Task<QueueEndpoint> StartDurableQueueAsync(string name, QueueDeclaration declaration, QueueArguments arguments, string persistenceId, bool adopted)
    {
        var runtime = new QueueRuntime(name, declaration, new QueueState(name, arguments, _host.Clock), _host, _options, owner: null)
        {
            PersistenceId = persistenceId,
            RecoversAfterCrash = adopted || (_options.Durability?.RecoveredAfterCrash ?? false),
        };
        var actor = await StartQueueActorAsync(runtime).ConfigureAwait(true);
        return new QueueEndpoint(name, declaration, arguments, 0, actor) { PersistenceId = persistenceId };
    }

    /// <summary>Journals a new durable queue's declaration and returns its journal's persistence id; null for a transient or exclusive queue.</summary>
    private async Task<string?> JournalNewQueueAsync(string name, QueueDeclaration declaration)
    {
        if (_host.Journal is not { } journal || !declaration.Durable || declaration.Exclusive)
        {
            return null;
        }

        var declaredAt = await journal.WriteAsync(new DeclarationRecord.QueueDeclared(name, declaration)).ConfigureAwait(true);
        journal.Declared(name, declaration, declaredAt);
        return journal.QueuePersistenceId(name, declaredAt);
    }

    /// <summary>
    /// Journals the deletion of a durable queue; completes once it is durable (at once for a queue that is not). A
    /// queue's own journal is deleted by its journal actor as the queue stops; a stream's, and its consumer groups'
    /// offsets, here.
    /// </summary>
    private Task ForgetDurableQueue(string name)
    {
        if (_host.Journal is not { } journal || journal.QueuePersistenceId(name) is not { } persistenceId)
        {
            return Task.CompletedTask;
        }

        if (journal.Topology.Queues.TryGetValue(name, out var declared) && Streams.StreamSettings.IsStream(declared.Declaration))
        {
            JournalDeletion.Delete(Context.System, persistenceId, _options.OperationTimeout);
            JournalDeletion.Delete(Context.System, Streams.ConsumerGroupOffsets.PersistenceIdOf(persistenceId), _options.OperationTimeout);
        }

        return journal.WriteAsync(new DeclarationRecord.QueueDeleted(name));
    }

    /// <summary>Replies <see cref="VirtualHostProtocol.Done"/> to a topology change once it is journaled (at once when it is not durable).</summary>
    private void ReplyWhenJournaled(object command)
    {
        var replyTo = Sender;
        var write = _host.Journal is { } journal && ToRecord(journal, command) is { } record ? journal.WriteAsync(record) : Task.CompletedTask;
        if (write.IsCompletedSuccessfully && _replicated.IsCompleted)
        {
            replyTo.Tell(VirtualHostProtocol.Done.Instance);
            return;
        }

        // _replicated never faults, so a failure here is the journal's.
        Task.WhenAll(write, _replicated).ContinueWith(
            written => replyTo.Tell(written.IsCompletedSuccessfully
                ? VirtualHostProtocol.Done.Instance
                : new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                    $"The change is in effect but could not be journaled, so it will not survive a restart: {written.Exception?.InnerException?.Message}"))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static DeclarationRecord? ToRecord(DeclarationJournal journal, object command)
    {
        switch (command)
        {
            case VirtualHostProtocol.DeclareExchange { Passive: false, Settings.Durable: true } declare:
                return new DeclarationRecord.ExchangeDeclared(declare.Name, declare.Settings);
            case VirtualHostProtocol.DeleteExchange delete when journal.IsDurableExchange(delete.Name):
                return new DeclarationRecord.ExchangeDeleted(delete.Name);
            case VirtualHostProtocol.Bind bind when journal.IsDurable(bind.Binding):
                return new DeclarationRecord.Bound(bind.Binding);
            case VirtualHostProtocol.Unbind unbind when journal.IsDurable(unbind.Binding):
                return new DeclarationRecord.Unbound(unbind.Binding);
            default:
                return null;
        }
    }
}
