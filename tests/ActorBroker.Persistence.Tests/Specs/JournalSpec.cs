using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Support;

namespace ActorBroker.Persistence.Tests.Specs;

/// <summary>
/// What every journal must do, written once. A subclass supplies an initialized journal over an empty or
/// shared store and a way to run raw SQL on it (used only to corrupt rows by hand).
/// </summary>
public abstract class JournalSpec : IAsyncLifetime
{
    private IJournal? _journal;

    protected IJournal Journal => _journal ?? throw new InvalidOperationException("The journal is created in InitializeAsync.");

    /// <summary>A new journal over this test class's store, already initialized.</summary>
    protected abstract Task<IJournal> CreateJournalAsync();

    /// <summary>Runs one raw statement against the store and returns its scalar result.</summary>
    protected abstract Task<object?> ExecuteSqlAsync(string sql);

    public async Task InitializeAsync() => _journal = await CreateJournalAsync();

    public virtual async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }
    }

    [Fact]
    public async Task Written_events_replay_in_order_with_manifest_payload_and_timestamp()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 3), TestEvents.Write(pid, 4, 2)]);

        var replayed = (await Journal.ReplayAllAsync(pid)).Cast<ReplayedEvent>().ToList();

        Assert.Equal([1L, 2, 3, 4, 5], replayed.Select(r => r.SequenceNr));
        Assert.All(replayed, r => Assert.Equal("test.event", r.Event.Manifest));
        Assert.All(replayed, r => Assert.Equal($"{pid}#{r.SequenceNr}", TestEvents.Text(r.Event)));
        Assert.All(replayed, r => Assert.Equal(TestEvents.Timestamp, r.Event.Timestamp));
    }

    [Fact]
    public async Task Replay_returns_only_the_requested_range()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 10)]);

        Assert.Equal([4L, 5, 6], await Journal.ReplayedSequenceNrsAsync(pid, 4, 6));
        Assert.Equal([9L, 10], await Journal.ReplayedSequenceNrsAsync(pid, 9));
    }

    [Fact]
    public async Task Entities_in_one_batch_are_stored_apart()
    {
        var first = TestEvents.NewPersistenceId();
        var second = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(first, 1, 2), TestEvents.Write(second, 1, 3)]);

        Assert.Equal([1L, 2], await Journal.ReplayedSequenceNrsAsync(first));
        Assert.Equal([1L, 2, 3], await Journal.ReplayedSequenceNrsAsync(second));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync(first));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(second));
    }

    [Fact]
    public async Task A_large_payload_round_trips_unchanged()
    {
        var pid = TestEvents.NewPersistenceId();
        var payload = new byte[1 << 20];
        new Random(42).NextBytes(payload);
        await Journal.WriteAsync([new AtomicWrite(pid, new JournalEvent(1, "blob", payload, TestEvents.Timestamp))]);

        var replayed = Assert.IsType<ReplayedEvent>(Assert.Single(await Journal.ReplayAllAsync(pid)));

        Assert.True(replayed.Event.Payload.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task Highest_sequence_number_is_zero_for_an_entity_never_written()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(TestEvents.NewPersistenceId()));
    }

    [Fact]
    public async Task Deleting_events_keeps_the_highest_sequence_number()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 5)]);

        await Journal.DeleteUpToAsync(pid, 5);

        Assert.Empty(await Journal.ReplayAllAsync(pid));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public async Task Deleting_up_to_a_sequence_number_keeps_the_later_events()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 5)]);

        await Journal.DeleteUpToAsync(pid, 3);
        await Journal.DeleteUpToAsync(pid, 2);

        Assert.Equal([4L, 5], await Journal.ReplayedSequenceNrsAsync(pid));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public async Task Deleting_beyond_the_last_event_does_not_raise_the_highest_sequence_number()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 2)]);

        await Journal.DeleteUpToAsync(pid, 100);

        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public async Task A_batch_reusing_a_taken_sequence_number_is_rejected_as_a_whole()
    {
        var taken = TestEvents.NewPersistenceId();
        var other = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(taken, 1, 2)]);

        await Assert.ThrowsAsync<JournalRejectedException>(
            () => Journal.WriteAsync([TestEvents.Write(other, 1), TestEvents.Write(taken, 2)]));

        Assert.Empty(await Journal.ReplayAllAsync(other));
        Assert.Equal([1L, 2], await Journal.ReplayedSequenceNrsAsync(taken));
    }

    [Fact]
    public async Task A_truncated_row_is_quarantined_and_replay_goes_on()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 3)]);
        await ExecuteSqlAsync($"UPDATE journal SET payload = substr(payload, 1, 3) WHERE persistence_id = '{pid}' AND sequence_nr = 2");

        var items = await Journal.ReplayAllAsync(pid);

        Assert.Equal([1L, 2, 3], items.Select(i => i.SequenceNr));
        var quarantined = Assert.IsType<QuarantinedEvent>(items[1]);
        Assert.Contains("checksum", quarantined.Reason, StringComparison.Ordinal);
        Assert.Equal([1L, 3], await Journal.ReplayedSequenceNrsAsync(pid));
        Assert.Equal(2, Assert.Single(await Journal.ReadQuarantineAsync(pid)).SequenceNr);
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public async Task Initializing_again_applies_no_migration_twice()
    {
        await using var second = await CreateJournalAsync();
        await second.InitializeAsync();

        var versions = Convert.ToInt64(await ExecuteSqlAsync("SELECT COUNT(*) FROM schema_version"));
        var distinct = Convert.ToInt64(await ExecuteSqlAsync("SELECT COUNT(DISTINCT version) FROM schema_version"));

        Assert.Equal(3, versions);
        Assert.Equal(versions, distinct);
    }

    [Fact]
    public async Task A_store_from_before_owner_tokens_is_migrated_and_keeps_its_events()
    {
        var pid = TestEvents.NewPersistenceId();
        await Journal.WriteAsync([TestEvents.Write(pid, 1, 2)]);
        // As a node of the previous version left it: no owner tokens, schema at version 2.
        await ExecuteSqlAsync("DROP TABLE journal_owners");
        await ExecuteSqlAsync("DELETE FROM schema_version WHERE version = 3");

        await using var upgraded = await CreateJournalAsync();
        await upgraded.ClaimAsync(pid);
        await upgraded.WriteAsync([TestEvents.Write(pid, 3)]);

        Assert.Equal([1L, 2, 3], await upgraded.ReplayedSequenceNrsAsync(pid));
        Assert.Equal(3L, Convert.ToInt64(await ExecuteSqlAsync("SELECT MAX(version) FROM schema_version")));
    }

    [Fact]
    public async Task A_store_migrated_by_a_newer_version_is_refused_with_a_clear_error()
    {
        await ExecuteSqlAsync("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'from the future', 0)");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(CreateJournalAsync);
            Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteSqlAsync("DELETE FROM schema_version WHERE version = 99");
        }
    }
}
