using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Support;

namespace ActorBroker.Persistence.Tests.Sqlite;

public sealed class SqliteJournalFileTests : IDisposable
{
    private readonly SqliteTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_new_journal_file_has_8_KiB_pages_two_of_them_written_by_a_lone_commit()
    {
        await using var journal = await _store.OpenAsync();

        Assert.Equal(8192L, await _store.ExecuteSqlAsync("PRAGMA page_size"));
    }

    [Fact]
    public async Task A_journal_file_made_with_the_64_KiB_pages_of_earlier_versions_keeps_them_and_goes_on_taking_writes()
    {
        await _store.ExecuteSqlAsync("PRAGMA page_size=65536; PRAGMA journal_mode=WAL; CREATE TABLE made_before (id INTEGER)");
        var pid = TestEvents.NewPersistenceId();

        await using (var journal = await _store.OpenAsync())
        {
            await journal.WriteAsync([TestEvents.Write(pid, 1, 3)]);
        }

        await using var reopened = await _store.OpenAsync();
        Assert.Equal([1L, 2, 3], await reopened.ReplayedSequenceNrsAsync(pid));
        Assert.Equal(65536L, await _store.ExecuteSqlAsync("PRAGMA page_size"));
    }

    [Fact]
    public async Task Snapshots_and_deletes_made_while_batches_commit_all_succeed()
    {
        await using var journal = await _store.OpenAsync();
        var pids = Enumerable.Range(0, 8).Select(_ => TestEvents.NewPersistenceId()).ToArray();
        var payload = new byte[256 * 1024];

        var work = pids.Select(async pid =>
        {
            for (var seq = 1; seq <= 10; seq++)
            {
                await journal.WriteAsync([new AtomicWrite(pid, new JournalEvent(seq, "test.event", payload, TestEvents.Timestamp))]);
                await journal.SaveSnapshotAsync(new Snapshots.SnapshotRecord(pid, seq, "test.snapshot", payload, TestEvents.Timestamp));
                await journal.DeleteUpToAsync(pid, seq - 1);
                await journal.DeleteSnapshotsAsync(pid, seq - 1);
            }
        });
        await Task.WhenAll(work);

        foreach (var pid in pids)
        {
            Assert.Equal([10L], await journal.ReplayedSequenceNrsAsync(pid));
            Assert.Equal(10L, (await journal.LoadSnapshotAsync(pid, long.MaxValue))?.SequenceNr);
        }
    }
}
