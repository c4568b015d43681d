using System.Diagnostics;
using ActorBroker.Benchmarks.Broker;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Persistence;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Persistence.Sql;
using ActorBroker.Persistence.Sqlite;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// Durable throughput on SQLite (and on PostgreSQL when its binaries are installed: a throwaway server with
/// fsync on is started for the run): 8 publishers, each with 512 unconfirmed publishes in flight, publish 1 KiB
/// persistent messages to one durable queue and wait for every confirm (sent once the message is on disk),
/// while a manual-ack consumer (prefetch 2000, ack-multiple every 100) drains the queue. One operation is one
/// message published, confirmed, delivered and acked. The journal commits (one fsync each) are counted and
/// printed at the end with the rate they came at: throughput comes from how many writes share a commit.
/// Run: <c>dotnet run -c Release --project tests/ActorBroker.Benchmarks -- --filter *DurablePublish*</c>; each store runs
/// with the plugin's owner fencing off and on.
/// </summary>
/// <remarks>
/// Journal commits are the group commits; SQLite also fsyncs for compaction (snapshot, delete) and for WAL
/// checkpoints, so count fsyncs from outside for the full figure (<c>strace -f -c -e trace=fsync,fdatasync</c>).
/// </remarks>
[BenchmarkCategory("Durable")]
public class DurablePublishBenchmarks
{
    private const int Publishers = 8;
    private const int Outstanding = 512;
    private const int PerPublisher = 4096;
    private const int Messages = Publishers * PerPublisher;
    private const string Queue = "durable.bench";
    private const string SqliteStore = "SQLite";
    private const string PostgresStore = "PostgreSQL";

    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly byte[] _body = new byte[1024];
    private readonly CommitMeter _meter = new();
    private string _folder = "";
    private ThrowawayPostgres? _postgres;
    private PersistenceExtension _persistence = null!;
    private ActorSystem _system = null!;
    private BrokerChannel[] _publishers = [];
    private ThroughputConsumer _consumer = null!;

    /// <summary>The journal store: SQLite in a temp folder, or a throwaway PostgreSQL server.</summary>
    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = SqliteStore;

    /// <summary>
    /// Whether the group-commit plugin fences owners (<c>owner-fencing</c>): each batch then checks, in its transaction,
    /// that this node still holds the owner token of the queue it writes.
    /// </summary>
    [Params(false, true)]
    public bool OwnerFencing { get; set; }

    /// <summary>Both stores (PostgreSQL when installed), or the one named by <c>ACTORBROKER_BENCH_STORE</c>.</summary>
    public static IEnumerable<string> Stores => Environment.GetEnvironmentVariable("ACTORBROKER_BENCH_STORE") switch
    {
        null or "" => ThrowawayPostgres.IsInstalled ? [SqliteStore, PostgresStore] : [SqliteStore],
        SqliteStore => [SqliteStore],
        PostgresStore => [PostgresStore],
        var other => throw new InvalidOperationException($"ACTORBROKER_BENCH_STORE is '{other}'; use {SqliteStore} or {PostgresStore}."),
    };

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("actorbroker-durable-bench-").FullName;
        SqlJournal store;
        if (Store == PostgresStore)
        {
            _postgres = await ThrowawayPostgres.StartAsync();
            store = new PostgresJournal(new PostgresJournalOptions(_postgres.ConnectionString));
        }
        else
        {
            store = new SqliteJournal(SqliteJournalOptions.InDataDirectory(_folder));
        }

        _persistence = await PersistenceExtension.StartAsync(store, new GroupCommitOptions { MaxBatch = 8192 });
        _system = ActorSystem.Create("durable-bench", Akka.Configuration.ConfigurationFactory
            .ParseString($"akka.persistence.journal.actorbroker.owner-fencing = {(OwnerFencing ? "on" : "off")}")
            .WithFallback(GroupCommitPersistence.AsDefaultPlugins));
        var broker = await MessageBroker.StartAsync(_system, BrokerOptions.Default with { Durability = new BrokerDurability(_persistence) });
        var connection = await broker.ConnectAsync();
        _publishers = new BrokerChannel[Publishers];
        for (var i = 0; i < Publishers; i++)
        {
            _publishers[i] = await connection.CreateChannelAsync();
        }

        await _publishers[0].DeclareQueueAsync(Queue);
        var consuming = await connection.CreateChannelAsync();
        _consumer = new ThroughputConsumer(consuming, ackEvery: 100);
        await consuming.ConsumeAsync(Queue, _consumer.OnDelivery, new ConsumeOptions(Prefetch: 2000));
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        Console.WriteLine(_meter.Report(_persistence.Writer, Store));
        await _system.Terminate();
        await _persistence.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task PublishConfirmConsumeAck()
    {
        var consumed = _consumer.Expect(Messages);
        var started = CommitMeter.Start(_persistence.Writer);
        await Task.WhenAll(_publishers.Select(PublishAllAsync));
        await consumed;
        _meter.Stop(_persistence.Writer, started, Messages);
    }

    private async Task PublishAllAsync(BrokerChannel channel)
    {
        using var window = new SemaphoreSlim(Outstanding);
        var confirms = new Task[PerPublisher];
        for (var i = 0; i < PerPublisher; i++)
        {
            await window.WaitAsync();
            confirms[i] = channel.PublishAsync("", Queue, _body, s_persistent).ContinueWith(
                confirmed =>
                {
                    window.Release();
                    if (!confirmed.Result)
                    {
                        throw new InvalidOperationException("A durable publish was nacked.");
                    }
                },
                TaskScheduler.Default);
        }

        await Task.WhenAll(confirms);
    }

    /// <summary>Sums messages, journal commits and time over all measured invocations.</summary>
    private sealed class CommitMeter
    {
        private long _messages;
        private long _commits;
        private long _writes;
        private TimeSpan _elapsed;

        public static (long Commits, long Writes, long Timestamp) Start(JournalWriter writer) =>
            (writer.CommittedBatches, writer.CommittedWrites, Stopwatch.GetTimestamp());

        public void Stop(JournalWriter writer, (long Commits, long Writes, long Timestamp) started, int messages)
        {
            _elapsed += Stopwatch.GetElapsedTime(started.Timestamp);
            _commits += writer.CommittedBatches - started.Commits;
            _writes += writer.CommittedWrites - started.Writes;
            _messages += messages;
        }

        public string Report(JournalWriter writer, string store)
        {
            var seconds = Math.Max(_elapsed.TotalSeconds, 1e-9);
            return $"DurablePublish ({store}): {_messages / seconds:N0} msgs/s, {_commits / seconds:N0} commits (fsyncs)/s, " +
                $"{(double)_writes / Math.Max(_commits, 1):N1} queue writes per commit, {_messages} messages in {seconds:N1} s " +
                $"(writer total: {writer.CommittedBatches} commits, {writer.FailedBatches} failed).";
        }
    }
}
