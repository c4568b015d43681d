using System.Text;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Support;

namespace ActorBroker.Persistence.Tests.Specs;

/// <summary>What every snapshot store must do, written once; a subclass supplies the store and raw SQL access.</summary>
public abstract class SnapshotStoreSpec : IAsyncLifetime
{
    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new, initialized snapshot store over this test class's database.</summary>
    protected abstract Task<ISnapshotStore> CreateStoreAsync();

    /// <summary>Runs one raw statement against the store and returns its scalar result.</summary>
    protected abstract Task<object?> ExecuteSqlAsync(string sql);

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task Loading_without_any_snapshot_returns_null()
    {
        Assert.Null(await Store.LoadSnapshotAsync(TestEvents.NewPersistenceId(), long.MaxValue));
    }

    [Fact]
    public async Task Loading_returns_the_newest_snapshot_up_to_the_bound()
    {
        var pid = TestEvents.NewPersistenceId();
        foreach (var seq in new long[] { 10, 20, 30 })
        {
            await Store.SaveSnapshotAsync(Snapshot(pid, seq));
        }

        var newest = await Store.LoadSnapshotAsync(pid, long.MaxValue);
        var bounded = await Store.LoadSnapshotAsync(pid, 25);

        Assert.Equal(30, newest!.SequenceNr);
        Assert.Equal($"state@30", Encoding.UTF8.GetString(newest.Payload.Span));
        Assert.Equal("test.state", newest.Manifest);
        Assert.Equal(TestEvents.Timestamp, newest.Timestamp);
        Assert.Equal(20, bounded!.SequenceNr);
    }

    [Fact]
    public async Task Saving_again_at_the_same_sequence_number_replaces_the_snapshot()
    {
        var pid = TestEvents.NewPersistenceId();
        await Store.SaveSnapshotAsync(Snapshot(pid, 5));
        await Store.SaveSnapshotAsync(new SnapshotRecord(pid, 5, "test.state", "replaced"u8.ToArray(), TestEvents.Timestamp));

        var loaded = await Store.LoadSnapshotAsync(pid, long.MaxValue);

        Assert.Equal("replaced", Encoding.UTF8.GetString(loaded!.Payload.Span));
    }

    [Fact]
    public async Task Deleting_removes_the_snapshots_up_to_the_bound()
    {
        var pid = TestEvents.NewPersistenceId();
        await Store.SaveSnapshotAsync(Snapshot(pid, 1));
        await Store.SaveSnapshotAsync(Snapshot(pid, 2));
        await Store.SaveSnapshotAsync(Snapshot(pid, 3));

        await Store.DeleteSnapshotsAsync(pid, 2);

        Assert.Equal(3, (await Store.LoadSnapshotAsync(pid, long.MaxValue))!.SequenceNr);
        Assert.Null(await Store.LoadSnapshotAsync(pid, 2));
    }

    [Fact]
    public async Task A_corrupted_snapshot_fails_the_load_rather_than_let_an_older_one_hide_deleted_events()
    {
        var pid = TestEvents.NewPersistenceId();
        await Store.SaveSnapshotAsync(Snapshot(pid, 1));
        await Store.SaveSnapshotAsync(Snapshot(pid, 2));
        await ExecuteSqlAsync($"UPDATE snapshots SET payload = substr(payload, 1, 2) WHERE persistence_id = '{pid}' AND sequence_nr = 2");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.LoadSnapshotAsync(pid, long.MaxValue));

        Assert.Contains($"'{pid}' (#2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Store.LoadSnapshotAsync(pid, 1))!.SequenceNr);
    }

    private static SnapshotRecord Snapshot(string pid, long seq) =>
        new(pid, seq, "test.state", Encoding.UTF8.GetBytes($"state@{seq}"), TestEvents.Timestamp);
}
