using Akka.Actor;
using Akka.Persistence;
using Xunit.Abstractions;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// What every Akka.Persistence snapshot store plugin of the project must do, written once in the shape of
/// Akka's persistence TCK and run against every plugin and database.
/// </summary>
public abstract class SnapshotStorePluginSpec(ITestOutputHelper output) : PluginSpec(output)
{
    // Whole seconds: every store keeps at least millisecond precision.
    private static readonly DateTime s_savedAt = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private IActorRef Store => Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    private static string NewPersistenceId() => $"spec-{Guid.NewGuid():N}";

    [Fact]
    public async Task Loading_without_any_snapshot_finds_none()
    {
        Assert.Null(await LoadAsync(NewPersistenceId(), SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Loading_selects_the_newest_snapshot_within_the_criteria()
    {
        var pid = await SaveThreeAsync();

        var latest = await LoadAsync(pid, SnapshotSelectionCriteria.Latest);
        var upTo25 = await LoadAsync(pid, new SnapshotSelectionCriteria(25));
        var from15To25 = await LoadAsync(pid, new SnapshotSelectionCriteria(25, DateTime.MaxValue, 15));
        var savedBefore = await LoadAsync(pid, new SnapshotSelectionCriteria(long.MaxValue, s_savedAt.AddMinutes(15)));
        var tooOld = await LoadAsync(pid, new SnapshotSelectionCriteria(5));

        Assert.Equal((30L, new TestEvent("at 30")), (latest!.Metadata.SequenceNr, latest.Snapshot));
        Assert.Equal(s_savedAt.AddMinutes(30), latest.Metadata.Timestamp);
        Assert.Equal(20, upTo25!.Metadata.SequenceNr);
        Assert.Equal(20, from15To25!.Metadata.SequenceNr);
        Assert.Equal(10, savedBefore!.Metadata.SequenceNr);
        Assert.Null(tooOld);
    }

    [Fact]
    public async Task Deleting_by_metadata_removes_only_that_snapshot()
    {
        var pid = await SaveThreeAsync();

        var probe = Kit.CreateTestProbe();
        Store.Tell(new DeleteSnapshot(new SnapshotMetadata(pid, 30, s_savedAt.AddMinutes(30))), probe);
        await probe.ExpectMsgAsync<DeleteSnapshotSuccess>(Timeout);

        Assert.Equal(20, (await LoadAsync(pid, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Equal(10, (await LoadAsync(pid, new SnapshotSelectionCriteria(15)))!.Metadata.SequenceNr);
    }

    [Fact]
    public async Task Deleting_by_criteria_removes_the_snapshots_it_selects()
    {
        var pid = await SaveThreeAsync();

        var probe = Kit.CreateTestProbe();
        Store.Tell(new DeleteSnapshots(pid, new SnapshotSelectionCriteria(20)), probe);
        await probe.ExpectMsgAsync<DeleteSnapshotsSuccess>(Timeout);

        Assert.Equal(30, (await LoadAsync(pid, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Null(await LoadAsync(pid, new SnapshotSelectionCriteria(25)));
    }

    [Fact]
    public async Task A_persistent_actor_recovers_from_its_snapshot_and_the_events_after_it_after_a_restart()
    {
        var pid = NewPersistenceId();
        var probe = Kit.CreateTestProbe();
        var recorder = Sys.ActorOf(Recorder.Props(pid));
        foreach (var text in new[] { "a", "b" })
        {
            recorder.Tell(new Recorder.Persist(new TestEvent(text)), probe);
            await probe.ExpectMsgAsync<Recorder.Persisted>(Timeout);
        }

        recorder.Tell(new Recorder.TakeSnapshot(), probe);
        Assert.Equal(2, (await probe.ExpectMsgAsync<Recorder.SnapshotSaved>(Timeout)).SequenceNr);
        recorder.Tell(new Recorder.Persist(new TestEvent("c")), probe);
        await probe.ExpectMsgAsync<Recorder.Persisted>(Timeout);

        await RestartAsync();
        var snapshot = await LoadAsync(pid, SnapshotSelectionCriteria.Latest);
        var texts = await Sys.ActorOf(Recorder.Props(pid)).Ask<Recorder.Texts>(new Recorder.GetTexts(), Timeout);

        Assert.Equal(new TestEvent("a,b"), snapshot!.Snapshot);
        Assert.Equal(["a", "b", "c"], texts.Values);
    }

    /// <summary>Saves snapshots at 10, 20 and 30, each saved that many minutes after <see cref="s_savedAt"/>.</summary>
    private async Task<string> SaveThreeAsync()
    {
        var pid = NewPersistenceId();
        var probe = Kit.CreateTestProbe();
        foreach (var seq in new long[] { 10, 20, 30 })
        {
            Store.Tell(new SaveSnapshot(new SnapshotMetadata(pid, seq, s_savedAt.AddMinutes(seq)), new TestEvent($"at {seq}")), probe);
            await probe.ExpectMsgAsync<SaveSnapshotSuccess>(Timeout);
        }

        return pid;
    }

    private async Task<SelectedSnapshot?> LoadAsync(string pid, SnapshotSelectionCriteria criteria)
    {
        var probe = Kit.CreateTestProbe();
        Store.Tell(new LoadSnapshot(pid, criteria, long.MaxValue), probe);
        return (await probe.ExpectMsgAsync<LoadSnapshotResult>(Timeout)).Snapshot;
    }
}
