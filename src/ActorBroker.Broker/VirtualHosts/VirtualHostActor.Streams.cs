using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Streams;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>Streams are declared, routed and deleted like queues; only the actor behind the name differs.</summary>
internal sealed partial class VirtualHostActor
{
    private IActorRef _streams = ActorRefs.Nobody;

    private async Task<QueueDeclareResult> DeclareStreamAsync(string name, VirtualHostProtocol.DeclareQueue declare, QueueArguments arguments)
    {
        var settings = StreamSettings.Parse(name, _host.Name, declare.Declaration);
        // Without durability the log is in Akka's in-memory journal; a unique id keeps a redeclared stream empty.
        var persistenceId = await JournalNewStreamAsync(name, declare.Declaration).ConfigureAwait(true)
            ?? $"stream/{_host.Name}/{name}/{Guid.NewGuid():N}";
        var actor = await StartStreamAsync(name, declare.Declaration, settings, persistenceId).ConfigureAwait(true);
        _host.Routing = _host.Routing.AddQueue(new QueueEndpoint(name, declare.Declaration, arguments, declare.ConnectionId, actor));
        Replicate(new TopologyChange.QueueAdded(name, declare.Declaration, actor, PersistenceId: null));
        return new QueueDeclareResult(name, 0, 0);
    }

    private Task<IActorRef> StartStreamAsync(string name, QueueDeclaration declaration, StreamSettings settings, string persistenceId) =>
        _streams.AskFor<IActorRef>(new StreamProtocol.StartStream(name, declaration, settings, persistenceId, _host, _options), _options.OperationTimeout);

    /// <summary>A durable stream recovers in its own actor, from its index and the entries after it: starting it reads nothing.</summary>
    private Task<IActorRef> RestoreStreamAsync(DeclarationJournal journal, string name, QueueDeclaration declaration, long declaredAt) =>
        StartStreamAsync(name, declaration, StreamSettings.Parse(name, _host.Name, declaration), journal.StreamPersistenceId(name, declaredAt));

    /// <summary>Journals a new stream's declaration; returns its log's persistence id, or null on a broker without durability.</summary>
    private async Task<string?> JournalNewStreamAsync(string name, QueueDeclaration declaration)
    {
        if (_host.Journal is not { } journal)
        {
            return null;
        }

        var declaredAt = await journal.WriteAsync(new DeclarationRecord.QueueDeclared(name, declaration)).ConfigureAwait(true);
        journal.Declared(name, declaration, declaredAt);
        return journal.StreamPersistenceId(name, declaredAt);
    }
}
