using System.Diagnostics.Metrics;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Sqlite;
using ActorBroker.Persistence.Tests.Support;

namespace ActorBroker.Persistence.Tests.GroupCommit;

public sealed class JournalWriterTests : IAsyncLifetime
{
    // Generous: a commit waits for an fsync, which takes seconds on a machine loaded by parallel builds.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly SqliteTestStore _store = new();
    private SqliteJournal _sqlite = null!;
    private ControlledJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _sqlite = await _store.OpenAsync();
        _journal = new ControlledJournal(_sqlite);
    }

    public async Task DisposeAsync()
    {
        _journal.OpenGate();
        await _sqlite.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task Writes_queued_while_a_batch_commits_are_committed_together_in_the_next_batch()
    {
        await using var writer = new JournalWriter(_journal);
        var held = _journal.CloseGate();
        var first = writer.WriteAsync(TestEvents.Write("first", 1)).AsTask();
        await held.WaitAsync(s_timeout);

        var pids = Enumerable.Range(0, 99).Select(_ => TestEvents.NewPersistenceId()).ToList();
        var queued = pids.Select(pid => writer.WriteAsync(TestEvents.Write(pid, 1, 2)).AsTask()).ToList();
        Assert.Equal(99, writer.QueueLength);
        _journal.OpenGate();
        await Task.WhenAll(queued.Append(first)).WaitAsync(s_timeout);

        Assert.Equal([1, 99], _journal.BatchSizes);
        Assert.Equal(2, writer.CommittedBatches);
        Assert.Equal(100, writer.CommittedWrites);
        Assert.Equal([1L, 2], await _sqlite.ReplayedSequenceNrsAsync(pids[^1]));
    }

    [Fact]
    public async Task A_backlog_larger_than_max_batch_is_split_into_several_batches()
    {
        await using var writer = new JournalWriter(_journal, new GroupCommitOptions { MaxBatch = 4 });
        var held = _journal.CloseGate();
        var first = writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask();
        await held.WaitAsync(s_timeout);

        var queued = Enumerable.Range(0, 10).Select(_ => writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask()).ToList();
        _journal.OpenGate();
        await Task.WhenAll(queued.Append(first)).WaitAsync(s_timeout);

        Assert.Equal([1, 4, 4, 2], _journal.BatchSizes);
    }

    [Fact]
    public async Task Many_concurrent_writers_need_fewer_commits_than_writes()
    {
        await using var writer = new JournalWriter(_sqlite);
        var actors = Enumerable.Range(0, 40).Select(_ => TestEvents.NewPersistenceId()).ToList();

        await Task.WhenAll(actors.Select(pid => Task.Run(async () =>
        {
            for (var seq = 1; seq <= 10; seq++)
            {
                await writer.WriteAsync(TestEvents.Write(pid, seq));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(400, writer.CommittedWrites);
        Assert.True(writer.CommittedBatches < 400, $"{writer.CommittedBatches} batches for 400 writes");
        foreach (var pid in actors)
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), await _sqlite.ReplayedSequenceNrsAsync(pid));
        }
    }

    [Fact]
    public async Task A_single_write_at_low_load_is_committed_alone_at_once()
    {
        await using var writer = new JournalWriter(_journal);
        var pid = TestEvents.NewPersistenceId();

        await writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask().WaitAsync(s_timeout);

        Assert.Equal([1], _journal.BatchSizes);
        Assert.Equal([1L], await _sqlite.ReplayedSequenceNrsAsync(pid));
    }

    [Fact]
    public async Task A_commit_callback_hears_of_the_commit_before_the_write_completes_and_never_of_a_failed_write()
    {
        await using var writer = new JournalWriter(_journal);
        var committed = new CountingCallback();
        await writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1), committed).AsTask().WaitAsync(s_timeout);
        Assert.Equal(1, committed.Calls);

        _journal.Failure = new IOException("No space left on device");
        var failed = new CountingCallback();
        await Assert.ThrowsAsync<JournalWriteException>(() => writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1), failed).AsTask().WaitAsync(s_timeout));
        Assert.Equal(0, failed.Calls);
    }

    [Fact]
    public async Task A_failed_batch_fails_every_write_in_it_and_the_writer_recovers()
    {
        await using var writer = new JournalWriter(_journal, new GroupCommitOptions { Name = "failing" });
        var diskFull = new IOException("No space left on device");
        _journal.Failure = diskFull;
        var held = _journal.CloseGate();
        var first = writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask();
        await held.WaitAsync(s_timeout);
        var queued = Enumerable.Range(0, 20).Select(_ => writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask()).ToList();
        _journal.OpenGate();

        foreach (var write in queued.Prepend(first))
        {
            var failure = await Assert.ThrowsAsync<JournalWriteException>(() => write.WaitAsync(s_timeout));
            Assert.Same(diskFull, failure.InnerException);
            Assert.Contains("No space left on device", failure.Message, StringComparison.Ordinal);
        }

        _journal.Failure = null;
        var pid = TestEvents.NewPersistenceId();
        await writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask().WaitAsync(s_timeout);

        Assert.Equal(2, writer.FailedBatches);
        Assert.Equal([1L], await _sqlite.ReplayedSequenceNrsAsync(pid));
    }

    [Fact]
    public async Task A_write_reusing_a_sequence_number_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        await using var writer = new JournalWriter(_journal);
        var taken = TestEvents.NewPersistenceId();
        await writer.WriteAsync(TestEvents.Write(taken, 1));
        var held = _journal.CloseGate();
        var first = writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask();
        await held.WaitAsync(s_timeout);

        var others = Enumerable.Range(0, 5).Select(_ => TestEvents.NewPersistenceId()).ToList();
        var good = others.Select(pid => writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask()).ToList();
        var duplicate = writer.WriteAsync(TestEvents.Write(taken, 1)).AsTask();
        _journal.OpenGate();

        await Task.WhenAll(good.Append(first)).WaitAsync(s_timeout);
        var failure = await Assert.ThrowsAsync<JournalWriteException>(() => duplicate.WaitAsync(s_timeout));
        Assert.IsType<JournalRejectedException>(failure.InnerException);
        foreach (var pid in others)
        {
            Assert.Equal([1L], await _sqlite.ReplayedSequenceNrsAsync(pid));
        }
    }

    [Fact]
    public async Task A_locked_database_fails_the_batch_and_the_next_batch_succeeds_once_it_is_free()
    {
        await using var journal = await _store.OpenAsync(new SqliteJournalOptions(_store.Path) { BusyTimeout = TimeSpan.FromSeconds(1) });
        await using var writer = new JournalWriter(journal);
        var pid = TestEvents.NewPersistenceId();
        await using (var blocker = _store.Connect())
        {
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();

            var failure = await Assert.ThrowsAsync<JournalWriteException>(() => writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask().WaitAsync(s_timeout));
            Assert.Contains("locked", failure.Message, StringComparison.OrdinalIgnoreCase);
        }

        await writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask().WaitAsync(s_timeout);
        Assert.Equal([1L], await journal.ReplayedSequenceNrsAsync(pid));
    }

    [Fact]
    public async Task Waiting_for_written_completes_only_after_the_writes_queued_before_it()
    {
        await using var writer = new JournalWriter(_journal);
        var held = _journal.CloseGate();
        var pid = TestEvents.NewPersistenceId();
        var write = writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask();
        await held.WaitAsync(s_timeout);

        var written = writer.WhenWrittenAsync().AsTask();
        Assert.False(written.IsCompleted);
        _journal.OpenGate();
        await written.WaitAsync(s_timeout);

        Assert.Equal([1L], await _sqlite.ReplayedSequenceNrsAsync(pid));
        await write.WaitAsync(s_timeout);
    }

    [Fact]
    public async Task Waiting_for_written_on_an_idle_writer_commits_nothing()
    {
        await using var writer = new JournalWriter(_journal);

        await writer.WhenWrittenAsync().AsTask().WaitAsync(s_timeout);

        Assert.Empty(_journal.BatchSizes);
    }

    [Fact]
    public async Task Disposing_commits_the_queued_writes_and_refuses_later_ones()
    {
        var writer = new JournalWriter(_journal);
        var held = _journal.CloseGate();
        var first = writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask();
        await held.WaitAsync(s_timeout);
        var queued = writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask();

        var disposing = writer.DisposeAsync().AsTask();
        _journal.OpenGate();
        await disposing.WaitAsync(s_timeout);

        await Task.WhenAll(first, queued).WaitAsync(s_timeout);
        var refused = await Assert.ThrowsAsync<JournalWriteException>(() => writer.WriteAsync(TestEvents.Write("late", 1)).AsTask());
        Assert.Contains("shut down", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_writes_and_commit_latency_are_published_as_metrics()
    {
        var name = TestEvents.NewPersistenceId("metrics");
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PersistenceMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "journal" && Equals(tag.Value, name))
                {
                    lock (measured)
                    {
                        measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await using (var writer = new JournalWriter(_sqlite, new GroupCommitOptions { Name = name }))
        {
            await writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1));
            await writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1));
        }

        Assert.Equal(2, measured["actorbroker.journal.batches"]);
        Assert.Equal(2, measured["actorbroker.journal.writes"]);
        Assert.True(measured["actorbroker.journal.commit.duration"] > 0);
    }

    private sealed class CountingCallback : ICommittedCallback
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void OnCommitted() => Interlocked.Increment(ref _calls);
    }
}
