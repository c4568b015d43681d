using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// What every Akka.Persistence journal plugin of the project must do, written once in the shape of Akka's
/// persistence TCK (not served here) and run against every plugin and database.
/// </summary>
public abstract class JournalPluginSpec(ITestOutputHelper output) : PluginSpec(output)
{
    private static string NewPersistenceId() => $"spec-{Guid.NewGuid():N}";

    [Fact]
    public async Task Written_events_replay_in_order_with_their_payloads()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        var replayed = await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue);

        Assert.Equal([1L, 2, 3, 4, 5], replayed.Events.Select(p => p.SequenceNr));
        Assert.All(replayed.Events, p => Assert.Equal(new TestEvent($"{pid}#{p.SequenceNr}"), p.Payload));
        Assert.All(replayed.Events, p => Assert.Equal(pid, p.PersistenceId));
        Assert.Equal(5, replayed.Highest);
    }

    [Fact]
    public async Task Replay_returns_only_the_requested_range_and_at_most_max_events()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        Assert.Equal([2L, 3, 4], (await ReplayAsync(pid, 2, 4, long.MaxValue)).Events.Select(p => p.SequenceNr));
        Assert.Equal([2L, 3], (await ReplayAsync(pid, 2, 5, 2)).Events.Select(p => p.SequenceNr));
        Assert.Equal([5L], (await ReplayAsync(pid, 5, 5, long.MaxValue)).Events.Select(p => p.SequenceNr));
        Assert.Empty((await ReplayAsync(pid, 1, 5, 0)).Events);
    }

    [Fact]
    public async Task An_unknown_entity_replays_nothing_and_its_highest_sequence_number_is_zero()
    {
        var replayed = await ReplayAsync(NewPersistenceId(), 1, long.MaxValue, long.MaxValue);

        Assert.Empty(replayed.Events);
        Assert.Equal(0, replayed.Highest);
    }

    [Fact]
    public async Task Deleting_up_to_a_sequence_number_removes_those_events_and_keeps_the_highest_number()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        await DeleteToAsync(pid, 3);
        var afterFirst = await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue);
        await DeleteToAsync(pid, 5);
        var afterAll = await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue);

        Assert.Equal([4L, 5], afterFirst.Events.Select(p => p.SequenceNr));
        Assert.Empty(afterAll.Events);
        Assert.Equal(5, afterAll.Highest);
    }

    [Fact]
    public async Task A_persistent_actor_continues_its_numbering_after_its_events_were_deleted()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 3);
        await DeleteToAsync(pid, 3);

        var probe = Kit.CreateTestProbe();
        var recorder = Sys.ActorOf(Recorder.Props(pid));
        recorder.Tell(new Recorder.Persist(new TestEvent("after delete")), probe);
        await probe.ExpectMsgAsync<Recorder.Persisted>(Timeout);

        Assert.Equal([4L], (await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)).Events.Select(p => p.SequenceNr));
    }

    [Fact]
    public async Task Many_concurrent_persistent_actors_have_every_event_confirmed_and_replayable()
    {
        const int Actors = 32;
        const int EventsEach = 20;
        var before = Backend.GroupCommits;
        var probe = Kit.CreateTestProbe();
        var pids = Enumerable.Range(0, Actors).Select(_ => NewPersistenceId()).ToList();
        var recorders = pids.Select(pid => Sys.ActorOf(Recorder.Props(pid))).ToList();

        foreach (var (recorder, pid) in recorders.Zip(pids))
        {
            recorder.Tell(new Recorder.PersistManyAsync([.. Enumerable.Range(1, EventsEach).Select(i => $"{pid}#{i}")]), probe);
        }

        var confirmed = new List<string>();
        while (confirmed.Count < Actors * EventsEach)
        {
            var reply = await probe.ReceiveOneAsync(Timeout) as Recorder.Persisted;
            Assert.True(reply is not null, $"{confirmed.Count} of {Actors * EventsEach} writes confirmed, then {reply}; group commits {Backend.GroupCommits}; pool threads {ThreadPool.ThreadCount}, pending {ThreadPool.PendingWorkItemCount}");
            confirmed.Add(reply.Text);
        }

        Assert.Equal(Actors * EventsEach, confirmed.Distinct().Count());
        foreach (var pid in pids)
        {
            var replayed = await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue);
            Assert.Equal(Enumerable.Range(1, EventsEach).Select(i => new TestEvent($"{pid}#{i}")), replayed.Events.Select(p => p.Payload));
        }

        if (before is { } start && Backend.GroupCommits is { } end)
        {
            var writes = end.Writes - start.Writes;
            var batches = end.Batches - start.Batches;
            Assert.True(batches < writes, $"{batches} commits for {writes} writes: the writes of different actors were not committed together");
        }
    }

    [Fact]
    public async Task A_write_the_serializer_refuses_is_rejected_and_the_actor_goes_on()
    {
        var pid = NewPersistenceId();
        var probe = Kit.CreateTestProbe();
        var recorder = Sys.ActorOf(Recorder.Props(pid));

        recorder.Tell(new Recorder.PersistUnserializable("poison"), probe);
        var rejected = await probe.ExpectMsgAsync<Recorder.Rejected>(Timeout);
        recorder.Tell(new Recorder.Persist(new TestEvent("next")), probe);
        await probe.ExpectMsgAsync<Recorder.Persisted>(Timeout);

        Assert.Equal(1, rejected.SequenceNr);
        Assert.Equal([new TestEvent("next")], (await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)).Events.Select(p => p.Payload));
    }

    [Fact]
    public async Task A_persistent_actor_recovers_its_events_after_the_actor_system_restarts()
    {
        var pid = NewPersistenceId();
        var probe = Kit.CreateTestProbe();
        var recorder = Sys.ActorOf(Recorder.Props(pid));
        foreach (var text in new[] { "a", "b", "c" })
        {
            recorder.Tell(new Recorder.Persist(new TestEvent(text)), probe);
            await probe.ExpectMsgAsync<Recorder.Persisted>(Timeout);
        }

        await RestartAsync();
        var restarted = Sys.ActorOf(Recorder.Props(pid));
        var texts = await restarted.Ask<Recorder.Texts>(new Recorder.GetTexts(), Timeout);
        restarted.Tell(new Recorder.Persist(new TestEvent("d")), Kit.TestActor);
        await Kit.ExpectMsgAsync<Recorder.Persisted>(Timeout);

        Assert.Equal(["a", "b", "c"], texts.Values);
        Assert.Equal([1L, 2, 3, 4], (await ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)).Events.Select(p => p.SequenceNr));
    }
}
