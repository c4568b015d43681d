using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sql;
using ActorBroker.Persistence.Tests.Support;

namespace ActorBroker.Persistence.Tests.Fencing;

/// <summary>
/// Two journal instances over one database, as two nodes of a cluster over one PostgreSQL: once the second claims an
/// entity, the first can no longer write, delete or snapshot it, and nothing it still had on its way is lost to the
/// second's replay. A subclass supplies instances over one shared store.
/// </summary>
public abstract class FencingSpec : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private SqlJournal? _first;
    private SqlJournal? _second;

    /// <summary>The node that owned the entities first.</summary>
    protected SqlJournal First => _first ?? throw new InvalidOperationException("Opened in InitializeAsync.");

    /// <summary>The node that takes them over.</summary>
    protected SqlJournal Second => _second ?? throw new InvalidOperationException("Opened in InitializeAsync.");

    /// <summary>A new, initialized journal instance over this test class's one store.</summary>
    protected abstract Task<SqlJournal> OpenJournalAsync();

    public async Task InitializeAsync()
    {
        _first = await OpenJournalAsync();
        _second = await OpenJournalAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var journal in new[] { _first, _second })
        {
            if (journal is not null)
            {
                await journal.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_former_owner_cannot_write_an_entity_another_instance_claimed_and_the_new_owner_can()
    {
        var pid = TestEvents.NewPersistenceId();
        await First.ClaimAsync(pid);
        await First.WriteAsync([TestEvents.Write(pid, 1)]);

        await Second.ClaimAsync(pid);
        var refused = await Assert.ThrowsAsync<JournalFencedException>(() => First.WriteAsync([TestEvents.Write(pid, 2)]));
        await Second.WriteAsync([TestEvents.Write(pid, 2)]);

        Assert.Equal([pid], refused.PersistenceIds);
        Assert.Contains(pid, refused.Message, StringComparison.Ordinal);
        var replayed = (await Second.ReplayAllAsync(pid)).Cast<ReplayedEvent>().ToList();
        Assert.Equal([1L, 2], replayed.Select(r => r.SequenceNr));
        Assert.Equal($"{pid}#2", TestEvents.Text(replayed[1].Event));
    }

    [Fact]
    public async Task A_claim_back_makes_the_first_instance_the_writer_again_and_fences_the_second()
    {
        var pid = TestEvents.NewPersistenceId();
        var firstToken = await First.ClaimAsync(pid);
        var secondToken = await Second.ClaimAsync(pid);
        var thirdToken = await First.ClaimAsync(pid);

        await First.WriteAsync([TestEvents.Write(pid, 1)]);
        await Assert.ThrowsAsync<JournalFencedException>(() => Second.WriteAsync([TestEvents.Write(pid, 2)]));

        Assert.True(firstToken < secondToken && secondToken < thirdToken, $"tokens {firstToken}, {secondToken}, {thirdToken}");
        Assert.Equal([1L], await First.ReplayedSequenceNrsAsync(pid));
    }

    [Fact]
    public async Task The_group_commit_writer_fails_only_the_fenced_writes_of_a_batch_and_commits_the_rest()
    {
        var lost = TestEvents.NewPersistenceId();
        var kept = TestEvents.NewPersistenceId();
        var unclaimed = TestEvents.NewPersistenceId();
        await First.ClaimAsync(lost);
        await First.ClaimAsync(kept);
        await Second.ClaimAsync(lost);
        var gated = new ControlledJournal(First);
        await using var writer = new JournalWriter(gated);

        // Held in its commit, the first write lets the next three queue into one batch.
        var entered = gated.CloseGate();
        var opening = writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask();
        await entered.WaitAsync(s_timeout);
        var writes = new[] { TestEvents.Write(kept, 1), TestEvents.Write(lost, 1), TestEvents.Write(unclaimed, 1) }
            .Select(write => writer.WriteAsync(write).AsTask()).ToList();
        gated.OpenGate();
        await opening.WaitAsync(s_timeout);

        await writes[0].WaitAsync(s_timeout);
        var refused = await Assert.ThrowsAsync<JournalFencedException>(() => writes[1].WaitAsync(s_timeout));
        await writes[2].WaitAsync(s_timeout);
        Assert.Equal([lost], refused.PersistenceIds);
        Assert.Contains(3, gated.BatchSizes);
        Assert.Equal([1L], await Second.ReplayedSequenceNrsAsync(kept));
        Assert.Empty(await Second.ReplayedSequenceNrsAsync(lost));
        Assert.Equal([1L], await Second.ReplayedSequenceNrsAsync(unclaimed));
    }

    [Fact]
    public async Task A_former_owner_cannot_delete_events_nor_save_or_delete_snapshots_of_a_claimed_entity()
    {
        var pid = TestEvents.NewPersistenceId();
        await First.ClaimAsync(pid);
        await First.WriteAsync([TestEvents.Write(pid, 1, 3)]);
        await First.SaveSnapshotAsync(new SnapshotRecord(pid, 2, "test.snapshot", new byte[] { 2 }, TestEvents.Timestamp));

        await Second.ClaimAsync(pid);

        await Assert.ThrowsAsync<JournalFencedException>(() => First.DeleteUpToAsync(pid, 3));
        await Assert.ThrowsAsync<JournalFencedException>(() =>
            First.SaveSnapshotAsync(new SnapshotRecord(pid, 3, "test.snapshot", new byte[] { 3 }, TestEvents.Timestamp)));
        await Assert.ThrowsAsync<JournalFencedException>(() => First.DeleteSnapshotsAsync(pid, long.MaxValue));
        Assert.Equal([1L, 2, 3], await Second.ReplayedSequenceNrsAsync(pid));
        Assert.Equal(2, (await Second.LoadSnapshotAsync(pid, long.MaxValue))?.SequenceNr);

        await Second.DeleteUpToAsync(pid, 1);
        await Second.SaveSnapshotAsync(new SnapshotRecord(pid, 3, "test.snapshot", new byte[] { 3 }, TestEvents.Timestamp));
        Assert.Equal([2L, 3], await Second.ReplayedSequenceNrsAsync(pid));
        Assert.Equal(3, (await Second.LoadSnapshotAsync(pid, long.MaxValue))?.SequenceNr);
    }

    [Fact]
    public async Task Entities_never_claimed_are_written_unchecked_by_every_instance()
    {
        var pid = TestEvents.NewPersistenceId();
        await First.ClaimAsync(TestEvents.NewPersistenceId());

        await First.WriteAsync([TestEvents.Write(pid, 1)]);
        await Second.WriteAsync([TestEvents.Write(pid, 2)]);

        Assert.Equal([1L, 2], await First.ReplayedSequenceNrsAsync(pid));
    }

    [Fact]
    public async Task A_write_in_flight_while_another_instance_claims_is_either_refused_or_in_the_new_owners_replay()
    {
        var pid = TestEvents.NewPersistenceId();
        await First.ClaimAsync(pid);
        await using var writer = new JournalWriter(First);
        var acknowledged = 0L;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The former owner writes one event after the other, as fast as it can, until it is refused.
        var writing = Task.Run(async () =>
        {
            for (var seq = 1L; ; seq++)
            {
                try
                {
                    await writer.WriteAsync(TestEvents.Write(pid, seq));
                }
                catch (JournalFencedException)
                {
                    return;
                }

                Volatile.Write(ref acknowledged, seq);
                if (seq == 20)
                {
                    halfway.TrySetResult();
                }
            }
        });
        await halfway.Task.WaitAsync(s_timeout);

        // The new owner's recovery: claim, then read the highest number and replay.
        await Second.ClaimAsync(pid);
        var highest = await Second.ReadHighestSequenceNrAsync(pid);
        var replayed = await Second.ReplayedSequenceNrsAsync(pid);
        await writing.WaitAsync(s_timeout);

        // Every write the former owner was told is durable is in the replay, and nothing was stored after the claim.
        Assert.Equal(Volatile.Read(ref acknowledged), highest);
        Assert.Equal(Enumerable.Range(1, (int)highest).Select(i => (long)i), replayed);
        Assert.Equal(highest, await Second.ReadHighestSequenceNrAsync(pid));
    }
}
