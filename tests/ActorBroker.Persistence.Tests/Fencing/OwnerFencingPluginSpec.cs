using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Tests.Plugin;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace ActorBroker.Persistence.Tests.Fencing;

/// <summary>
/// Two ActorSystems (two nodes) whose group-commit plugins, with <c>owner-fencing = on</c>, share one database: the
/// node that recovers a persistent actor last is its only writer; the other's actor fails its persist and stops.
/// A subclass supplies the plugin settings that point at the shared database.
/// </summary>
public abstract class OwnerFencingPluginSpec : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private TestKit? _first;
    private TestKit? _second;

    private TestKit First => _first ?? throw new InvalidOperationException("Started in InitializeAsync.");

    private TestKit Second => _second ?? throw new InvalidOperationException("Started in InitializeAsync.");

    /// <summary>The plugins' <c>provider</c> and database settings, the same for both systems.</summary>
    protected abstract Task<string> DatabaseHoconAsync();

    public async Task InitializeAsync()
    {
        // Both sections named: the snapshot store's defaults to the journal's are substitutions resolved when the
        // reference config is parsed, before this config overrides the journal's.
        var database = await DatabaseHoconAsync();
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.actorbroker {
              {{database}}
              owner-fencing = on
            }
            akka.persistence.snapshot-store.actorbroker {
              {{database}}
              owner-fencing = on
            }
            akka.actor.serializers.test-events = "{{typeof(TestEventSerializer).AssemblyQualifiedName}}"
            akka.actor.serialization-bindings {
              "{{typeof(TestEvent).AssemblyQualifiedName}}" = test-events
            }
            """).WithFallback(GroupCommitPersistence.AsDefaultPlugins);
        _first = new TestKit(config, "first");
        _second = new TestKit(config, "second");
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var kit in new[] { _first, _second })
        {
            if (kit is not null)
            {
                await kit.Sys.Terminate().WaitAsync(s_timeout);
                kit.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_node_that_recovered_an_actor_last_is_its_only_writer()
    {
        var pid = $"queue-{Guid.NewGuid():N}";
        var firstProbe = First.CreateTestProbe();
        var secondProbe = Second.CreateTestProbe();
        var former = First.Sys.ActorOf(Recorder.Props(pid));
        var neighbour = First.Sys.ActorOf(Recorder.Props($"other-{Guid.NewGuid():N}"));
        firstProbe.Watch(former);
        former.Tell(new Recorder.Persist(new TestEvent("a")), firstProbe);
        await firstProbe.ExpectMsgAsync<Recorder.Persisted>(s_timeout);

        // The second node recovers the actor (a shard moved on a suspicion) while the first still runs it.
        var current = Second.Sys.ActorOf(Recorder.Props(pid));
        current.Tell(new Recorder.GetTexts(), secondProbe);
        Assert.Equal(["a"], (await secondProbe.ExpectMsgAsync<Recorder.Texts>(s_timeout)).Values);

        former.Tell(new Recorder.Persist(new TestEvent("b")), firstProbe);
        var failed = await firstProbe.ExpectMsgAsync<Recorder.Failed>(s_timeout);
        await firstProbe.ExpectTerminatedAsync(former, s_timeout);
        current.Tell(new Recorder.Persist(new TestEvent("c")), secondProbe);
        await secondProbe.ExpectMsgAsync<Recorder.Persisted>(s_timeout);
        neighbour.Tell(new Recorder.Persist(new TestEvent("d")), firstProbe);
        await firstProbe.ExpectMsgAsync<Recorder.Persisted>(s_timeout);

        Assert.Equal(2, failed.SequenceNr);
        Assert.Equal([pid], Assert.IsType<JournalFencedException>(failed.Cause).PersistenceIds);
        // A third recovery, on the second node, reads what the journal holds: the fenced event is not in it.
        secondProbe.Watch(current);
        Second.Sys.Stop(current);
        await secondProbe.ExpectTerminatedAsync(current, s_timeout);
        var again = Second.Sys.ActorOf(Recorder.Props(pid));
        again.Tell(new Recorder.GetTexts(), secondProbe);
        Assert.Equal(["a", "c"], (await secondProbe.ExpectMsgAsync<Recorder.Texts>(s_timeout)).Values);
    }

    [Fact]
    public async Task A_former_owner_cannot_save_a_snapshot_of_an_actor_another_node_recovered()
    {
        var pid = $"queue-{Guid.NewGuid():N}";
        var firstProbe = First.CreateTestProbe();
        var secondProbe = Second.CreateTestProbe();
        var former = First.Sys.ActorOf(Recorder.Props(pid));
        former.Tell(new Recorder.Persist(new TestEvent("a")), firstProbe);
        await firstProbe.ExpectMsgAsync<Recorder.Persisted>(s_timeout);
        var current = Second.Sys.ActorOf(Recorder.Props(pid));
        current.Tell(new Recorder.GetTexts(), secondProbe);
        await secondProbe.ExpectMsgAsync<Recorder.Texts>(s_timeout);

        former.Tell(new Recorder.TakeSnapshot(), firstProbe);
        current.Tell(new Recorder.TakeSnapshot(), secondProbe);

        var refused = await firstProbe.ExpectMsgAsync<Recorder.SnapshotFailed>(s_timeout);
        Assert.IsType<JournalFencedException>(refused.Cause);
        Assert.Equal(1, (await secondProbe.ExpectMsgAsync<Recorder.SnapshotSaved>(s_timeout)).SequenceNr);
    }
}
