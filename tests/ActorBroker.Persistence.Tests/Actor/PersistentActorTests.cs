using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Sqlite;
using ActorBroker.Persistence.Tests.Support;
using static ActorBroker.Persistence.Tests.Actor.ListActorProtocol;

namespace ActorBroker.Persistence.Tests.Actor;

public sealed class PersistentActorTests : TestKit.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly SqliteTestStore _store = new();
    private readonly List<PersistenceExtension> _extensions = [];
    private readonly List<ActorSystem> _systems = [];
    private readonly string _pid = TestEvents.NewPersistenceId("list");

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var system in _systems)
        {
            await system.Terminate();
        }

        await Sys.Terminate();
        foreach (var extension in _extensions)
        {
            await extension.DisposeAsync();
        }

        _store.Dispose();
    }

    [Fact]
    public async Task Persisted_events_are_recovered_by_a_new_actor_system_over_the_same_file()
    {
        var first = await NewSystemAsync();
        var list = first.ActorOf(Props.Create(() => new ListActor(_pid)));
        await AddAsync(list, "a", 1);
        await AddAsync(list, "b", 2);
        list.Tell(new AddAll(["c", "d"]), TestActor.Ref);
        Assert.Equal(new Added("c", 3), await ExpectMsgAsync<Added>(s_timeout));
        Assert.Equal(new Added("d", 4), await ExpectMsgAsync<Added>(s_timeout));
        await first.Terminate();

        var revived = await StartListAsync(Sys);
        var state = await StateAsync(revived);

        Assert.Equal(["a", "b", "c", "d"], state.Items);
        Assert.Equal(4, state.LastSequenceNr);
        await AddAsync(revived, "e", 5);
    }

    [Fact]
    public async Task Recovery_offers_the_newest_snapshot_then_only_the_events_after_it()
    {
        var first = await NewSystemAsync();
        var list = first.ActorOf(Props.Create(() => new ListActor(_pid)));
        await AddAsync(list, "a", 1);
        await AddAsync(list, "b", 2);
        list.Tell(new TakeSnapshot(), TestActor.Ref);
        Assert.Equal(2, (await ExpectMsgAsync<SaveSnapshotSuccess>(s_timeout)).Metadata.SequenceNr);
        await AddAsync(list, "c", 3);
        await first.Terminate();

        var state = await StateAsync(await StartListAsync(Sys));

        Assert.Equal(["snapshot@2", "event c", "completed"], state.RecoveryLog);
        Assert.Equal(["a", "b", "c"], state.Items);
        Assert.Equal(3, state.LastSequenceNr);
    }

    [Fact]
    public async Task A_log_longer_than_one_replay_batch_is_recovered_completely_and_in_order()
    {
        var serializer = Serializer();
        var events = Enumerable.Range(1, 1000).Select(i =>
        {
            var serialized = serializer.Serialize(new ItemAdded($"item{i}"));
            return new JournalEvent(i, serialized.Manifest, serialized.Payload, TestEvents.Timestamp);
        }).ToArray();
        await using (var journal = await _store.OpenAsync())
        {
            await journal.WriteAsync([new AtomicWrite(_pid, events)]);
        }

        var state = await StateAsync(await StartListAsync(Sys));

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"item{i}"), state.Items);
        Assert.Equal(1000, state.LastSequenceNr);
    }

    [Fact]
    public async Task Commands_sent_during_recovery_are_handled_after_it_in_their_order()
    {
        var first = await NewSystemAsync();
        await AddAsync(first.ActorOf(Props.Create(() => new ListActor(_pid))), "old", 1);
        await first.Terminate();

        var replayGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = new ControlledJournal(await _store.OpenAsync()) { ReplayGate = replayGate.Task };
        await StartPersistenceAsync(Sys, journal);
        var list = Sys.ActorOf(Props.Create(() => new ListActor(_pid)));
        list.Tell(new Add("x"), TestActor.Ref);
        list.Tell(new GetState(), TestActor.Ref);
        list.Tell(new Add("y"), TestActor.Ref);
        replayGate.SetResult();

        Assert.Equal(new Added("x", 2), await ExpectMsgAsync<Added>(s_timeout));
        var during = await ExpectMsgAsync<ListState>(s_timeout);
        Assert.Equal(new Added("y", 3), await ExpectMsgAsync<Added>(s_timeout));
        Assert.Equal(["old", "x"], during.Items);
        Assert.Equal(["event old", "completed"], during.RecoveryLog);
    }

    [Fact]
    public async Task Commands_arriving_while_a_write_is_in_flight_wait_for_its_handler()
    {
        var journal = new ControlledJournal(await _store.OpenAsync());
        await StartPersistenceAsync(Sys, journal);
        var list = Sys.ActorOf(Props.Create(() => new ListActor(_pid)));
        await StateAsync(list);

        var held = journal.CloseGate();
        list.Tell(new Add("a"), TestActor.Ref);
        await held.WaitAsync(s_timeout);
        list.Tell(new GetState(), TestActor.Ref);
        list.Tell(new Add("b"), TestActor.Ref);
        journal.OpenGate();

        Assert.Equal(new Added("a", 1), await ExpectMsgAsync<Added>(s_timeout));
        Assert.Equal(["a"], (await ExpectMsgAsync<ListState>(s_timeout)).Items);
        Assert.Equal(new Added("b", 2), await ExpectMsgAsync<Added>(s_timeout));
    }

    [Fact]
    public async Task With_persist_async_commands_go_on_while_writes_are_in_flight_and_handlers_keep_their_order()
    {
        var journal = new ControlledJournal(await _store.OpenAsync());
        await StartPersistenceAsync(Sys, journal);
        var list = Sys.ActorOf(Props.Create(() => new ListActor(_pid)));
        await StateAsync(list);

        var held = journal.CloseGate();
        list.Tell(new AddEventually("a"), TestActor.Ref);
        await held.WaitAsync(s_timeout);
        list.Tell(new AddEventually("b"), TestActor.Ref);
        var during = await StateAsync(list);
        journal.OpenGate();

        Assert.Empty(during.Items);
        Assert.Equal(0, during.LastSequenceNr);
        Assert.Equal(new Added("a", 1), await ExpectMsgAsync<Added>(s_timeout));
        Assert.Equal(new Added("b", 2), await ExpectMsgAsync<Added>(s_timeout));
        Assert.Equal(["a", "b"], (await StateAsync(list)).Items);
    }

    [Fact]
    public async Task Deleted_events_are_not_replayed_and_numbering_goes_on_after_them()
    {
        var first = await NewSystemAsync();
        var list = first.ActorOf(Props.Create(() => new ListActor(_pid)));
        await AddAsync(list, "a", 1);
        await AddAsync(list, "b", 2);
        await AddAsync(list, "c", 3);
        list.Tell(new DeleteUpTo(3), TestActor.Ref);
        Assert.Equal(3, (await ExpectMsgAsync<DeleteMessagesSuccess>(s_timeout)).ToSequenceNr);
        await first.Terminate();

        var revived = await StartListAsync(Sys);
        var state = await StateAsync(revived);

        Assert.Empty(state.Items);
        Assert.Equal(3, state.LastSequenceNr);
        await AddAsync(revived, "d", 4);
    }

    [Fact]
    public async Task A_failed_write_stops_the_actor_by_default()
    {
        var journal = new ControlledJournal(await _store.OpenAsync());
        await StartPersistenceAsync(Sys, journal);
        var list = Sys.ActorOf(Props.Create(() => new ListActor(_pid)));
        await StateAsync(list);
        Watch(list);

        journal.Failure = new IOException("No space left on device");
        list.Tell(new Add("a"), TestActor.Ref);

        await ExpectMsgAsync<Terminated>(s_timeout);
    }

    [Fact]
    public async Task An_actor_that_survives_a_failed_write_reuses_its_sequence_number()
    {
        var journal = new ControlledJournal(await _store.OpenAsync());
        await StartPersistenceAsync(Sys, journal);
        var list = Sys.ActorOf(Props.Create(() => new ListActor(_pid, stopOnPersistFailure: false)));
        await StateAsync(list);

        journal.Failure = new IOException("No space left on device");
        list.Tell(new Add("lost"), TestActor.Ref);
        var rejected = await ExpectMsgAsync<AddRejected>(s_timeout);
        journal.Failure = null;

        Assert.Contains("No space left on device", rejected.Reason, StringComparison.Ordinal);
        await AddAsync(list, "kept", 1);
        Assert.Equal(["kept"], (await StateAsync(list)).Items);
    }

    [Fact]
    public async Task An_actor_restarted_by_its_supervisor_recovers_its_state()
    {
        var list = await StartListAsync(Sys);
        await AddAsync(list, "a", 1);

        list.Tell(new Crash());

        Assert.Equal(["a"], (await StateAsync(list)).Items);
        await AddAsync(list, "b", 2);
    }

    [Fact]
    public async Task Events_persisted_by_a_command_that_then_throws_are_not_written()
    {
        var list = await StartListAsync(Sys);
        await AddAsync(list, "a", 1);

        list.Tell(new AddThenCrash("lost"), TestActor.Ref);
        await AddAsync(list, "b", 2);

        Assert.Equal(["a", "b"], (await StateAsync(list)).Items);
        await using var journal = await _store.OpenAsync();
        Assert.Equal([1L, 2], await journal.ReplayedSequenceNrsAsync(_pid));
    }

    [Fact]
    public async Task A_corrupted_event_is_quarantined_and_reported_and_recovery_goes_on()
    {
        var first = await NewSystemAsync();
        var list = first.ActorOf(Props.Create(() => new ListActor(_pid)));
        await AddAsync(list, "a", 1);
        await AddAsync(list, "b", 2);
        await AddAsync(list, "c", 3);
        await first.Terminate();
        await _store.ExecuteSqlAsync($"UPDATE journal SET payload = substr(payload, 1, 4) WHERE persistence_id = '{_pid}' AND sequence_nr = 2");

        var reports = CreateTestProbe("quarantine");
        Sys.EventStream.Subscribe<EventQuarantined>(reports.Ref);
        var state = await StateAsync(await StartListAsync(Sys));

        Assert.Equal(["a", "c"], state.Items);
        Assert.Equal(3, state.LastSequenceNr);
        var report = await reports.ExpectMsgAsync<EventQuarantined>(s_timeout);
        Assert.Equal(2, report.Event.SequenceNr);
    }

    [Fact]
    public async Task An_actor_can_be_handed_its_persistence_instead_of_finding_it_on_the_system()
    {
        var sqlite = await _store.OpenAsync();
        var own = await PersistenceExtension.StartAsync(sqlite, Serializer());
        _extensions.Add(own);
        var list = Sys.ActorOf(Props.Create(() => new ListActor(_pid, persistence: own)));

        await AddAsync(list, "a", 1);

        Assert.Equal([1L], await sqlite.ReplayedSequenceNrsAsync(_pid));
    }

    [Fact]
    public void A_persistent_actor_in_a_system_without_persistence_explains_what_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PersistenceExtension.For(Sys));

        Assert.Contains("RegisterWith", error.Message, StringComparison.Ordinal);
    }

    private async Task<ActorSystem> NewSystemAsync()
    {
        var system = ActorSystem.Create($"first-{_systems.Count}");
        _systems.Add(system);
        await StartPersistenceAsync(system);
        return system;
    }

    private async Task<IActorRef> StartListAsync(ActorSystem system)
    {
        await StartPersistenceAsync(system);
        return system.ActorOf(Props.Create(() => new ListActor(_pid)));
    }

    private async Task StartPersistenceAsync(ActorSystem system, IJournal? journal = null)
    {
        var sqlite = await _store.OpenAsync();
        var extension = await PersistenceExtension.StartAsync(journal ?? sqlite, sqlite, Serializer());
        _extensions.Add(extension.RegisterWith(system));
    }

    private async Task AddAsync(IActorRef list, string item, long expectedSequenceNr)
    {
        list.Tell(new Add(item), TestActor.Ref);
        Assert.Equal(new Added(item, expectedSequenceNr), await ExpectMsgAsync<Added>(s_timeout));
    }

    private async Task<ListState> StateAsync(IActorRef list)
    {
        list.Tell(new GetState(), TestActor.Ref);
        return await ExpectMsgAsync<ListState>(s_timeout);
    }
}
