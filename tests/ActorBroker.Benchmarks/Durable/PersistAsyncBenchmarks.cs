using System.Buffers.Binary;
using ActorBroker.Persistence.Plugin;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// Events per second the Akka.Persistence journal plugins take on SQLite (synchronous=FULL, a fresh file in a
/// temp folder): persistent actors each get their share of <see cref="Events"/> commands at once and
/// <c>PersistAsync</c> one 8-byte event per command; an operation is one event written and its handler run.
/// Akka sends an actor's events persisted while its previous write is in flight as its next write; the
/// group-commit plugin then commits the writes of all actors together, Akka.Persistence.Sql batches each
/// write on its own.
/// Run: <c>dotnet run -c Release --project tests/ActorBroker.Benchmarks -- --filter *PersistAsync* --job short</c>
/// (with <c>ACTORBROKER_BENCH_STORE=PostgreSQL</c> for the group-commit plugin on PostgreSQL).
/// </summary>
[BenchmarkCategory("Durable")]
public class PersistAsyncBenchmarks
{
    private const int Events = 16_384;
    private const string GroupCommit = "group-commit";
    private const string GroupCommitFenced = "group-commit+fencing";
    private const string Sql = "Akka.Persistence.Sql";

    private string _folder = "";
    private ThrowawayPostgres? _postgres;
    private ActorSystem _system = null!;
    private IActorRef[] _actors = [];

    /// <summary>
    /// The plugin; <c>group-commit+fencing</c> is the group-commit plugin with <c>owner-fencing = on</c> (each batch checks
    /// the owner token of every actor it writes). With <c>ACTORBROKER_BENCH_STORE=PostgreSQL</c> the group-commit plugin
    /// runs on a throwaway PostgreSQL server (fsync on) instead, and Akka.Persistence.Sql is left out.
    /// </summary>
    [ParamsSource(nameof(Plugins))]
    public string Plugin { get; set; } = GroupCommit;

    /// <summary>The plugins that run on the store, or only the one <c>ACTORBROKER_BENCH_PLUGIN</c> names (to interleave runs of two).</summary>
    public static IEnumerable<string> Plugins => Environment.GetEnvironmentVariable("ACTORBROKER_BENCH_PLUGIN") switch
    {
        null or "" => OnPostgres ? [GroupCommit, GroupCommitFenced] : [GroupCommit, GroupCommitFenced, Sql],
        var one => [one],
    };

    private static bool OnPostgres => Environment.GetEnvironmentVariable("ACTORBROKER_BENCH_STORE") == "PostgreSQL";

    [Params(1, 64)]
    public int Actors { get; set; }

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("actorbroker-persist-bench-").FullName;
        var file = Path.Combine(_folder, "journal.db");
        _postgres = OnPostgres ? ThrowawayPostgres.StartAsync().GetAwaiter().GetResult() : null;
        var database = _postgres is null
            ? $"provider = sqlite, sqlite.path = \"{file}\""
            : $"provider = postgresql, postgresql.connection-string = \"{_postgres.ConnectionString}\"";
        var plugin = Plugin != Sql
            ? $$"""
                akka.persistence.journal.plugin = "{{GroupCommitPersistence.JournalPluginId}}"
                akka.persistence.journal.actorbroker {
                  {{database}}, group-commit.max-batch = 8192, owner-fencing = {{(Plugin == GroupCommitFenced ? "on" : "off")}}
                }
                """
            : $$"""
                akka.persistence.journal.plugin = "akka.persistence.journal.sql"
                akka.persistence.journal.sql {
                  connection-string = "Data Source={{file}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = on
                  table-mapping = default
                  default.journal.table-name = "akka_journal"
                  default.metadata.table-name = "akka_journal_metadata"
                  default.tag.table-name = "akka_tags"
                }
                """;
        var config = ConfigurationFactory.ParseString(plugin + $$"""
                akka.loglevel = WARNING
                akka.actor.serializers.bench = "{{typeof(BenchEventSerializer).AssemblyQualifiedName}}"
                akka.actor.serialization-bindings."{{typeof(BenchEvent).AssemblyQualifiedName}}" = bench
                """)
            .WithFallback(GroupCommitPersistence.DefaultConfig)
            .WithFallback(SqlPersistence.DefaultConfiguration);
        _system = ActorSystem.Create("persist-bench", config);
        _actors = [.. Enumerable.Range(0, Actors).Select(i => _system.ActorOf(Props.Create(() => new Persister($"bench-{i}"))))];
        // Recovered and, for Akka.Persistence.Sql, its tables created before the first measured event.
        Task.WhenAll(_actors.Select(a => a.Ask<long>(new Persister.Run(1, null), TimeSpan.FromSeconds(60)))).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public void PersistAsync()
    {
        var remaining = new Countdown(Events);
        foreach (var actor in _actors)
        {
            actor.Tell(new Persister.Run(Events / Actors, remaining));
        }

        if (!remaining.Done.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"{remaining.Left} of {Events} events still unwritten after 2 minutes.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(30));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _postgres?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Counts the events still to be written across all actors; done when none is left.</summary>
    private sealed class Countdown(int events)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _left = events;

        public Task Done => _done.Task;

        public int Left => Volatile.Read(ref _left);

        public void Signal()
        {
            if (Interlocked.Decrement(ref _left) == 0)
            {
                _done.TrySetResult();
            }
        }
    }

    /// <summary>Persists <see cref="Run.Count"/> events with PersistAsync, one command each, as a queue would per publish.</summary>
    private sealed class Persister : ReceivePersistentActor
    {
        private long _sequence;

        public Persister(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<BenchEvent>(e => _sequence = e.Value);
            Command<Run>(run =>
            {
                for (var i = 0; i < run.Count; i++)
                {
                    Self.Tell(new PersistOne(run.Countdown), Sender);
                }
            });
            Command<PersistOne>(one => PersistAsync(new BenchEvent(++_sequence), _ =>
            {
                one.Countdown?.Signal();
                if (one.Countdown is null)
                {
                    Sender.Tell(_sequence);
                }
            }));
        }

        public override string PersistenceId { get; }

        public sealed record Run(int Count, Countdown? Countdown);

        public sealed record PersistOne(Countdown? Countdown);
    }
}

/// <summary>A small event: one number.</summary>
public sealed record BenchEvent(long Value);

/// <summary>Writes a <see cref="BenchEvent"/> as 8 bytes, so the benchmark measures the journals rather than a serializer.</summary>
public sealed class BenchEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 4712;

    public override byte[] ToBinary(object obj)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ((BenchEvent)obj).Value);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, string manifest) => new BenchEvent(BinaryPrimitives.ReadInt64LittleEndian(bytes));

    public override string Manifest(object o) => "b";
}
