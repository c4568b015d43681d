using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.DeathWatch;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void Every_watcher_gets_terminated_exactly_once()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watchers = Enumerable.Range(0, 3)
            .Select(_ => Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor.Ref))))
            .ToList();
        foreach (var watcher in watchers)
        {
            watcher.Tell(new WatchingActor.WatchIt(subject));
            watcher.Tell(new WatchingActor.WatchIt(subject));
        }

        ReceiveN(6);
        Sys.Stop(subject);

        var senders = new HashSet<IActorRef>();
        for (var i = 0; i < watchers.Count; i++)
        {
            Assert.Equal(new Terminated(subject), ExpectMsg<Terminated>());
            senders.Add(LastSender);
        }

        Assert.True(senders.SetEquals(watchers));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_delivers_terminated_at_once()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        var lateWatcher = Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor.Ref)));

        lateWatcher.Tell(new WatchingActor.WatchIt(subject));

        ExpectMsg("watching");
        Assert.Equal(new Terminated(subject), ExpectMsg<Terminated>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_probe_watching_a_dead_actor_gets_terminated_too()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var first = CreateTestProbe();
        first.Watch(subject);
        Sys.Stop(subject);
        first.ExpectTerminated(subject);

        Watch(subject);

        ExpectTerminated(subject);
    }

    [Fact]
    public void No_terminated_arrives_after_unwatch()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor.Ref)));
        watcher.Tell(new WatchingActor.WatchIt(subject));
        ExpectMsg("watching");

        watcher.Tell(new WatchingActor.UnwatchIt(subject));
        ExpectMsg("unwatched");
        Sys.Stop(subject);

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Terminated_comes_after_the_last_message_the_dead_actor_sent()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor.Ref)));
        var subject = Sys.ActorOf(Props.Create(() => new LastWordsActor(watcher)));
        watcher.Tell(new WatchingActor.WatchIt(subject));
        ExpectMsg("watching");

        subject.Tell("speak");

        ExpectMsg("last words");
        ExpectMsg<Terminated>();
    }

    private sealed class WatchingActor : ReceiveActor
    {
        public WatchingActor(IActorRef probe)
        {
            Receive<WatchIt>(m =>
            {
                Context.Watch(m.Subject);
                probe.Tell("watching", Self);
            });
            Receive<UnwatchIt>(m =>
            {
                Context.Unwatch(m.Subject);
                probe.Tell("unwatched", Self);
            });
            ReceiveAny(m => probe.Tell(m, Self));
        }

        public sealed record WatchIt(IActorRef Subject);

        public sealed record UnwatchIt(IActorRef Subject);
    }

    private sealed class LastWordsActor : ReceiveActor
    {
        public LastWordsActor(IActorRef listener) =>
            Receive<string>(_ =>
            {
                listener.Tell("last words", Self);
                Context.Stop(Self);
            });
    }
}
