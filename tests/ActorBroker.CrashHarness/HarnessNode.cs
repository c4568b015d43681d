using ActorBroker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Queues;
using ActorBroker.Persistence;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Serialization;
using ActorBroker.Persistence.Sqlite;

namespace ActorBroker.CrashHarness;

/// <summary>A durable broker over one SQLite file, wired as the node wires it, with the harness's durable queue declared.</summary>
internal sealed class HarnessNode : IAsyncDisposable
{
    public const string Queue = "crash";

    private readonly ActorSystem _system;
    private readonly PersistenceExtension _persistence;

    private HarnessNode(ActorSystem system, PersistenceExtension persistence, MessageBroker broker)
    {
        _system = system;
        _persistence = persistence;
        Broker = broker;
    }

    public MessageBroker Broker { get; }

    public static async Task<HarnessNode> StartAsync(string journalPath)
    {
        var store = new SqliteJournal(new SqliteJournalOptions(journalPath));
        var persistence = await PersistenceExtension.StartAsync(store, new JsonEventSerializer(new EventTypeRegistry()), new GroupCommitOptions { MaxBatch = 8192 });
        var system = ActorSystem.Create("crash-harness");
        system.EventStream.Subscribe<ErrorEvent>(system.ActorOf(Props.Create<ErrorReporter>(), "errors"));
        var broker = await MessageBroker.StartAsync(system, BrokerOptions.Default with { Durability = new BrokerDurability(persistence) });
        var node = new HarnessNode(system, persistence, broker);
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync(Queue, new QueueDeclaration(Durable: true));
        return node;
    }

    public async Task<BrokerChannel> OpenChannelAsync() => await (await Broker.ConnectAsync()).CreateChannelAsync();

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        await _persistence.DisposeAsync();
    }
}
