namespace ActorBroker.Actors.Tests.Actor;

public sealed class StashTests : TestKit.TestKit
{
    [Fact]
    public void Unstash_all_replays_stashed_messages_in_order_before_newer_ones()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoorActor(TestActor.Ref)));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        actor.Tell("open");
        actor.Tell(4);

        Assert.Equal([1, 2, 3, 4], ReceiveN(4));
    }

    [Fact]
    public void Stashed_messages_keep_their_sender()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoorActor(TestActor.Ref)));
        var origin = CreateTestProbe("origin");

        actor.Tell(1, origin.Ref);
        actor.Tell("open");

        ExpectMsg(1);
        Assert.Same(origin.Ref, LastSender);
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoorActor(TestActor.Ref)));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("break");
        actor.Tell("open");

        Assert.Equal([1, 2], ReceiveN(2));
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoorActor(TestActor.Ref)));
        Sys.EventStream.Subscribe<DeadLetter>(TestActor.Ref);

        actor.Tell(1);
        actor.Tell(PoisonPill.Instance);

        Assert.Equal(1, ExpectMsg<DeadLetter>().Message);
    }

    /// <summary>Stashes numbers while closed; "open" replays them and passes later ones straight through.</summary>
    private sealed class DoorActor : ReceiveActor
    {
        public DoorActor(IActorRef probe)
        {
            Receive<int>(_ => Context.Stash.Stash());
            Receive<string>(_ => throw new InvalidOperationException("broken"), m => m == "break");
            Receive<string>(
                _ =>
                {
                    Context.Stash.UnstashAll();
                    Become(() => Receive<int>(n => probe.Tell(n, Sender)));
                },
                m => m == "open");
        }
    }
}
