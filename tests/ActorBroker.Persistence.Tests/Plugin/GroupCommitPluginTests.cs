using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Tests.Sqlite;
using ActorBroker.Persistence.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Xunit.Abstractions;
using AtomicWrite = Akka.Persistence.AtomicWrite;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// What only the group-commit plugin promises: its store's failures reach the persistent actor as Akka defines,
/// unreadable rows are quarantined rather than failing recovery, and the writes of one request stay in order.
/// </summary>
public sealed class GroupCommitPluginTests(ITestOutputHelper output) : PluginSpec(output)
{
    private readonly SqliteTestStore _file = new();
    private ControlledJournal? _journal;

    private ControlledJournal Journal => _journal ?? throw new InvalidOperationException("Opened with the ActorSystem.");

    protected override Task<PluginBackend> CreateBackendAsync() =>
        Task.FromResult<PluginBackend>(new GroupCommitBackend(OpenAsync, _file.Dispose));

    private async Task<PersistenceExtension> OpenAsync()
    {
        var sqlite = await _file.OpenAsync();
        _journal = new ControlledJournal(sqlite);
        return await PersistenceExtension.StartAsync(_journal, sqlite);
    }

    [Fact]
    public async Task A_write_the_store_fails_stops_the_persistent_actor_with_a_persist_failure()
    {
        var probe = Kit.CreateTestProbe();
        var recorder = Sys.ActorOf(Recorder.Props($"failing-{Guid.NewGuid():N}"));
        probe.Watch(recorder);
        recorder.Tell(new Recorder.Persist(new TestEvent("stored")), probe);
        await probe.ExpectMsgAsync<Recorder.Persisted>(Timeout);

        Journal.Failure = new IOException("disk unplugged");
        recorder.Tell(new Recorder.Persist(new TestEvent("lost")), probe);

        var failed = await probe.ExpectMsgAsync<Recorder.Failed>(Timeout);
        await probe.ExpectTerminatedAsync(recorder, Timeout);
        Assert.Equal(2, failed.SequenceNr);
        Assert.IsType<IOException>(Assert.IsType<JournalWriteException>(failed.Cause).InnerException);
    }

    [Fact]
    public async Task A_rejected_write_between_two_good_ones_leaves_only_its_own_sequence_number_unwritten()
    {
        var pid = $"mixed-{Guid.NewGuid():N}";
        var probe = Kit.CreateTestProbe();
        var writes = new[] { (object)new TestEvent("one"), new Unserializable("two"), new TestEvent("three") }
            .Select((payload, i) => (IPersistentEnvelope)new AtomicWrite(new Persistent(payload, i + 1, pid, string.Empty, false, ActorRefs.NoSender, "writer")))
            .ToList();

        JournalActor.Tell(new WriteMessages(writes, probe.Ref, 1));

        await probe.ExpectMsgAsync<WriteMessagesSuccessful>(Timeout);
        Assert.Equal(1, (await probe.ExpectMsgAsync<WriteMessageSuccess>(Timeout)).Persistent.SequenceNr);
        Assert.Equal(2, (await probe.ExpectMsgAsync<WriteMessageRejected>(Timeout)).Persistent.SequenceNr);
        Assert.Equal(3, (await probe.ExpectMsgAsync<WriteMessageSuccess>(Timeout)).Persistent.SequenceNr);
        var replayed = await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue);
        Assert.Equal([1L, 3], replayed.Events.Select(p => p.SequenceNr));
        Assert.Equal(3, replayed.Highest);
    }

    [Theory]
    [InlineData("UPDATE journal SET payload = substr(payload, 1, 3) WHERE persistence_id = '{0}' AND sequence_nr = 2", "checksum")]
    [InlineData("UPDATE journal SET manifest = '999999:e' WHERE persistence_id = '{0}' AND sequence_nr = 2", "999999")]
    public async Task An_unreadable_row_is_quarantined_reported_and_skipped_and_recovery_goes_on(string corruption, string reason)
    {
        var pid = $"corrupt-{Guid.NewGuid():N}";
        await WriteAsync(pid, 1, 3);
        await _file.ExecuteSqlAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, corruption, pid));
        var reports = Kit.CreateTestProbe();
        Sys.EventStream.Subscribe(reports.Ref, typeof(JournalRowQuarantined));

        var replayed = await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue);

        Assert.Equal([1L, 3], replayed.Events.Select(p => p.SequenceNr));
        var report = await reports.ExpectMsgAsync<JournalRowQuarantined>(Timeout);
        Assert.Equal((pid, 2L), (report.PersistenceId, report.SequenceNr));
        Assert.Contains(reason, report.Reason, StringComparison.Ordinal);
        await AwaitAssertAsync(async () => Assert.Equal([2L], (await Journal.ReadQuarantineAsync(pid)).Select(q => q.SequenceNr)));
        Assert.Equal([1L, 3], (await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)).Events.Select(p => p.SequenceNr));
    }

    private Task AwaitAssertAsync(Func<Task> assertion) => Kit.AwaitAssertAsync(assertion, Timeout);
}
