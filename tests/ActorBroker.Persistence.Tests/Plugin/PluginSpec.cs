using ActorBroker.Persistence.Plugin;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// The life of the ActorSystem a plugin spec runs in: started over the backend's config, restarted over the
/// same database, shut down after the test. Akka's warnings and errors go to the test's output: a plugin whose call
/// times out or fails says so there, not only as a reply that never came.
/// </summary>
public abstract class PluginSpec(ITestOutputHelper output) : IAsyncLifetime
{
    // Generous: it is only reached when a test fails, and a 2-core machine shared with other builds stalls for seconds.
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Config s_common = ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.actor.serializers.test-events = "{{typeof(TestEventSerializer).AssemblyQualifiedName}}"
        akka.actor.serialization-bindings {
          "{{typeof(TestEvent).AssemblyQualifiedName}}" = test-events
          "{{typeof(Unserializable).AssemblyQualifiedName}}" = test-events
        }
        """)
        .WithFallback(GroupCommitPersistence.DefaultConfig)
        .WithFallback(SqlPersistence.DefaultConfiguration);

    private PluginBackend? _backend;
    private TestKit? _kit;

    protected PluginBackend Backend => _backend ?? throw new InvalidOperationException("Created in InitializeAsync.");

    /// <summary>The test kit of the running ActorSystem; a new one after <see cref="RestartAsync"/>.</summary>
    protected TestKit Kit => _kit ?? throw new InvalidOperationException("Created in InitializeAsync.");

    protected ActorSystem Sys => Kit.Sys;

    /// <summary>The plugin and database under test, over an empty or shared database.</summary>
    protected abstract Task<PluginBackend> CreateBackendAsync();

    public async Task InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        _kit = await StartAsync();
    }

    /// <summary>Terminates the ActorSystem and starts a new one over the same database, as a node restart does.</summary>
    protected async Task RestartAsync()
    {
        await StopAsync();
        _kit = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await Backend.DisposeAsync();
    }

    private async Task<TestKit> StartAsync()
    {
        var kit = new TestKit(Backend.Config.WithFallback(s_common), output: output);
        await Backend.OnStartedAsync(kit.Sys);
        return kit;
    }

    private async Task StopAsync()
    {
        if (_kit is null)
        {
            return;
        }

        await _kit.Sys.Terminate().WaitAsync(Timeout);
        _kit.Dispose();
        _kit = null;
        await Backend.OnTerminatedAsync();
    }

    /// <summary>The journal actor of the plugin under test.</summary>
    protected IActorRef JournalActor => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    /// <summary>Writes events <paramref name="from"/>.. as one journal request of single-event atomic writes.</summary>
    protected async Task WriteAsync(string pid, long from, int count)
    {
        var probe = Kit.CreateTestProbe();
        var writes = Enumerable.Range(0, count)
            .Select(i => new AtomicWrite(new Persistent(new TestEvent($"{pid}#{from + i}"), from + i, pid, string.Empty, false, ActorRefs.NoSender, "writer")))
            .ToList<IPersistentEnvelope>();
        JournalActor.Tell(new WriteMessages(writes, probe.Ref, actorInstanceId: 1));

        await probe.ExpectMsgAsync<WriteMessagesSuccessful>(Timeout);
        for (var i = 0; i < count; i++)
        {
            var success = await probe.ExpectMsgAsync<WriteMessageSuccess>(Timeout);
            Assert.Equal(from + i, success.Persistent.SequenceNr);
        }
    }

    protected async Task<(List<IPersistentRepresentation> Events, long Highest)> ReplayAsync(string pid, long from, long to, long max)
    {
        var probe = Kit.CreateTestProbe();
        JournalActor.Tell(new ReplayMessages(from, to, max, pid, probe.Ref));
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (await probe.ReceiveOneAsync(Timeout))
            {
                case ReplayedMessage replayed:
                    events.Add(replayed.Persistent);
                    break;
                case RecoverySuccess success:
                    return (events, success.HighestSequenceNr);
                case var other:
                    throw new InvalidOperationException($"Unexpected reply to a replay: {other}");
            }
        }
    }

    protected async Task DeleteToAsync(string pid, long to)
    {
        var probe = Kit.CreateTestProbe();
        JournalActor.Tell(new DeleteMessagesTo(pid, to, probe.Ref));
        await probe.ExpectMsgAsync<DeleteMessagesSuccess>(Timeout);
    }
}
