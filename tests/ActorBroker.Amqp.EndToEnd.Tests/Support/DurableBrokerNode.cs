using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Persistence;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Server.Listeners;
using Akka.Actor;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>A node as the server builds it: broker with durable queues over a SQLite journal, plus the listener.</summary>
public sealed class DurableBrokerNode : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly PersistenceExtension _persistence;
    private readonly MessageBroker _broker;

    private DurableBrokerNode(ActorSystem system, PersistenceExtension persistence, MessageBroker broker, AmqpListener listener)
    {
        _system = system;
        _persistence = persistence;
        _broker = broker;
        Listener = listener;
    }

    public AmqpListener Listener { get; }

    public MessageBroker Broker => _broker;

    /// <param name="journalPath">The SQLite journal file (created when missing).</param>
    /// <param name="options">The broker's options, <see cref="BrokerOptions.Default"/> unless given; durability is added.</param>
    /// <param name="snapshotEvery">Journal events between a queue's snapshots, and between a stream's saved indexes.</param>
    public static async Task<DurableBrokerNode> StartAsync(string journalPath, BrokerOptions? options = null, int snapshotEvery = 1000)
    {
        var journal = new SqliteJournal(new SqliteJournalOptions(journalPath));
        var persistence = await PersistenceExtension.StartAsync(journal);
        var system = ActorSystem.Create("durable-e2e", GroupCommitPersistence.AsDefaultPlugins);
        var broker = await MessageBroker.StartAsync(system, (options ?? BrokerOptions.Default) with { Durability = new BrokerDurability(persistence) { SnapshotEvery = snapshotEvery } });
        var listener = new AmqpListener(AmqpListenerSettings.Loopback(), broker, ConfiguredUsers.GuestOnly());
        listener.Start();
        return new DurableBrokerNode(system, persistence, broker, listener);
    }

    public Task<IConnection> ConnectAsync() => new ConnectionFactory
    {
        HostName = "127.0.0.1",
        Port = Listener.EndPoint.Port,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = BrokerNode.Timeout,
    }.CreateConnectionAsync().WaitAsync(BrokerNode.Timeout);

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        await _broker.DisposeAsync();
        await _system.Terminate();
        await _persistence.DisposeAsync();
    }
}
