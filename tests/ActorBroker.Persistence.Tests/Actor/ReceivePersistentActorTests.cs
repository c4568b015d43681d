using ActorBroker.Actors;
using ActorBroker.Persistence.Tests.Sqlite;
using ActorBroker.Persistence.Tests.Support;
using static ActorBroker.Persistence.Tests.Actor.ListActorProtocol;

namespace ActorBroker.Persistence.Tests.Actor;

public sealed class ReceivePersistentActorTests : TestKit.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly SqliteTestStore _store = new();
    private readonly List<PersistenceExtension> _extensions = [];

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Sys.Terminate();
        foreach (var extension in _extensions)
        {
            await extension.DisposeAsync();
        }

        _store.Dispose();
    }

    [Fact]
    public async Task Declared_handlers_persist_commands_and_rebuild_state_on_restart()
    {
        var pid = TestEvents.NewPersistenceId("counter");
        var sqlite = await _store.OpenAsync();
        _extensions.Add((await PersistenceExtension.StartAsync(sqlite, Serializer())).RegisterWith(Sys));
        var list = Sys.ActorOf(Props.Create(() => new DeclaredList(pid)));
        list.Tell(new Add("a"), TestActor.Ref);
        list.Tell(new Add("b"), TestActor.Ref);
        await ExpectMsgAsync<Added>(s_timeout);
        await ExpectMsgAsync<Added>(s_timeout);

        list.Tell(new Crash());
        list.Tell(new GetState(), TestActor.Ref);

        Assert.Equal(["a", "b"], (await ExpectMsgAsync<ListState>(s_timeout)).Items);
    }

    private sealed class DeclaredList : ReceivePersistentActor
    {
        private readonly List<string> _items = [];

        public DeclaredList(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<ItemAdded>(added => _items.Add(added.Item));
            Command<Add>(add => Persist(new ItemAdded(add.Item), added =>
            {
                _items.Add(added.Item);
                Sender.Tell(new Added(added.Item, LastSequenceNr));
            }));
            Command<GetState>(_ => Sender.Tell(new ListState([.. _items], LastSequenceNr, [])));
            Command<Crash>(_ => throw new InvalidOperationException("crash requested by the test"));
        }

        public override string PersistenceId { get; }
    }
}
