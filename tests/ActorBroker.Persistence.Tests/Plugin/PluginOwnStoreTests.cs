using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>Without a store registered by the host, the plugins open the database their HOCON names and close it with the system.</summary>
public sealed class PluginOwnStoreTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task The_plugins_open_the_sqlite_file_of_their_config_share_it_and_recover_from_it_after_a_restart()
    {
        var pid = $"own-{Guid.NewGuid():N}";
        var config = OwnStoreConfig();

        using (var first = new TestKit(config))
        {
            var recorder = first.Sys.ActorOf(Recorder.Props(pid));
            recorder.Tell(new Recorder.Persist(new TestEvent("a")), first.TestActor);
            await first.ExpectMsgAsync<Recorder.Persisted>(s_timeout);
            recorder.Tell(new Recorder.TakeSnapshot(), first.TestActor);
            await first.ExpectMsgAsync<Recorder.SnapshotSaved>(s_timeout);
            recorder.Tell(new Recorder.Persist(new TestEvent("b")), first.TestActor);
            await first.ExpectMsgAsync<Recorder.Persisted>(s_timeout);
            await first.Sys.Terminate().WaitAsync(s_timeout);
        }

        using var second = new TestKit(config);
        var texts = await second.Sys.ActorOf(Recorder.Props(pid)).Ask<Recorder.Texts>(new Recorder.GetTexts(), s_timeout);

        Assert.Equal(["a", "b"], texts.Values);
        Assert.True(File.Exists(_directory.File("own.db")));
        Assert.False(File.Exists(_directory.File("journal.db")), "the snapshot store opened a database of its own");
    }

    [Fact]
    public async Task A_host_store_registered_after_a_plugin_opened_its_own_is_refused()
    {
        using var kit = new TestKit(OwnStoreConfig());
        kit.Sys.ActorOf(Recorder.Props($"own-{Guid.NewGuid():N}")).Tell(new Recorder.Persist(new TestEvent("a")), kit.TestActor);
        await kit.ExpectMsgAsync<Recorder.Persisted>(s_timeout);
        var sqlite = new SqliteJournal(new SqliteJournalOptions(_directory.File("host.db")));
        await using var hostStore = await PersistenceExtension.StartAsync(sqlite);

        Assert.Throws<InvalidOperationException>(() => JournalStores.Get(kit.Sys).Use(hostStore));
    }

    [Fact]
    public async Task A_database_that_could_not_be_opened_is_opened_again_by_the_next_operation()
    {
        // A file where the database's folder should be: opening fails until it is gone.
        var blocker = _directory.File("not-yet");
        await File.WriteAllTextAsync(blocker, string.Empty);
        using var kit = new TestKit(OwnStoreConfig(Path.Combine(blocker, "own.db")));
        var first = kit.Sys.ActorOf(Recorder.Props($"own-{Guid.NewGuid():N}"));
        kit.Watch(first);
        await kit.ExpectTerminatedAsync(first, s_timeout);

        File.Delete(blocker);
        kit.Sys.ActorOf(Recorder.Props($"own-{Guid.NewGuid():N}")).Tell(new Recorder.Persist(new TestEvent("a")), kit.TestActor);

        await kit.ExpectMsgAsync<Recorder.Persisted>(s_timeout);
    }

    private Config OwnStoreConfig(string? path = null) => ConfigurationFactory.ParseString($"""
        akka.persistence.journal.plugin = "{GroupCommitPersistence.JournalPluginId}"
        akka.persistence.snapshot-store.plugin = "{GroupCommitPersistence.SnapshotStorePluginId}"
        akka.persistence.journal.actorbroker.sqlite.path = "{path ?? _directory.File("own.db")}"
        akka.actor.serializers.test-events = "{typeof(TestEventSerializer).AssemblyQualifiedName}"
        akka.actor.serialization-bindings."{typeof(TestEvent).AssemblyQualifiedName}" = test-events
        """).WithFallback(GroupCommitPersistence.DefaultConfig);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
