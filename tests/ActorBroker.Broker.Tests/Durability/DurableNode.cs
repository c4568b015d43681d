using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Persistence;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sqlite;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>
/// A broker node in miniature over one SQLite journal file: an actor system, the persistence extension and a
/// durable broker. Stopping it and starting another over the same file is a restart.
/// </summary>
internal sealed class DurableNode : IAsyncDisposable
{
    private DurableNode(ActorSystem system, PersistenceExtension persistence, MessageBroker broker)
    {
        System = system;
        Persistence = persistence;
        Broker = broker;
    }

    public ActorSystem System { get; }

    public PersistenceExtension Persistence { get; }

    public MessageBroker Broker { get; }

    /// <summary>
    /// Starts a node over the SQLite file <paramref name="path"/>; <paramref name="wrap"/> may put a test double around the
    /// store; <paramref name="inMemoryMessages"/> is the window of bodies a queue keeps in memory; <paramref name="afterCrash"/>
    /// tells the broker the previous run did not stop cleanly; <paramref name="onEnqueue"/> is the broker's
    /// <see cref="BrokerOptions.OnEnqueue"/> hook.
    /// </summary>
    public static Task<DurableNode> StartAsync(
        string path, int snapshotEvery = 1000, Func<SqliteJournal, FaultyJournal>? wrap = null, int inMemoryMessages = 10_000, bool afterCrash = false,
        Action<string, Message>? onEnqueue = null)
    {
        var store = new SqliteJournal(new SqliteJournalOptions(path));
        return wrap is null ? StartAsync(store, store, snapshotEvery, inMemoryMessages, afterCrash, onEnqueue: onEnqueue) : StartAsync(wrap(store), snapshotEvery);
    }

    /// <summary>
    /// Starts a node over the SQLite file <paramref name="path"/> in an actor system with <paramref name="settings"/> too (a cluster
    /// member, owner fencing), named <paramref name="sharedJournalNode"/> on a journal shared with other nodes;
    /// <paramref name="beforeBroker"/> runs on the actor system before the broker starts (a first member joining itself:
    /// on a shared journal the broker's restore waits for its cluster, as a node process waits until it is up);
    /// <paramref name="operationTimeout"/> replaces the broker's operation timeout.
    /// </summary>
    public static Task<DurableNode> StartAsync(string path, Config settings, string? sharedJournalNode = null, Action<ActorSystem>? beforeBroker = null, TimeSpan? operationTimeout = null)
    {
        var store = new SqliteJournal(new SqliteJournalOptions(path));
        return StartAsync(store, store, snapshotEvery: 1000, settings: settings, sharedJournalNode: sharedJournalNode, beforeBroker: beforeBroker, operationTimeout: operationTimeout);
    }

    /// <summary>Starts a node over a PostgreSQL database.</summary>
    public static Task<DurableNode> StartAsync(PostgresJournal store) => StartAsync(store, store, snapshotEvery: 1000);

    private static Task<DurableNode> StartAsync(FaultyJournal store, int snapshotEvery) => StartAsync(store, store, snapshotEvery);

    private static async Task<DurableNode> StartAsync(
        IJournal journal, ISnapshotStore snapshots, int snapshotEvery, int inMemoryMessages = 10_000, bool afterCrash = false, Config? settings = null, string? sharedJournalNode = null,
        Action<ActorSystem>? beforeBroker = null, TimeSpan? operationTimeout = null, Action<string, Message>? onEnqueue = null)
    {
        var persistence = await PersistenceExtension.StartAsync(journal, snapshots, new GroupCommitOptions { MaxBatch = 4096 });
        var system = ActorSystem.Create("durable", settings is null ? GroupCommitPersistence.AsDefaultPlugins : settings.WithFallback(GroupCommitPersistence.AsDefaultPlugins));
        beforeBroker?.Invoke(system);
        var options = BrokerOptions.Default with { Durability = new BrokerDurability(persistence) { SnapshotEvery = snapshotEvery, RecoveredAfterCrash = afterCrash, SharedJournalNode = sharedJournalNode }, QueueInMemoryMessages = inMemoryMessages, OnEnqueue = onEnqueue };
        options = operationTimeout is { } timeout ? options with { OperationTimeout = timeout } : options;
        return new DurableNode(system, persistence, await MessageBroker.StartAsync(system, options));
    }

    public async Task<BrokerChannel> OpenChannelAsync() => await (await Broker.ConnectAsync()).CreateChannelAsync();

    /// <summary>Runs one statement on the journal file and returns its scalar result.</summary>
    public static object? ExecuteSql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The bytes of journal rows of every queue (declarations excluded): one row holds a whole flush, so rows alone say little.</summary>
    public static long QueueJournalBytes(string path) =>
        (long)ExecuteSql(path, "SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM journal WHERE persistence_id LIKE 'queue/%'")!;

    /// <summary>A graceful stop: the broker stops its queues once their writes are decided, then the actor system terminates.</summary>
    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await System.Terminate();
        await Persistence.DisposeAsync();
    }
}
