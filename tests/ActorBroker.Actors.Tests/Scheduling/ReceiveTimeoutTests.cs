namespace ActorBroker.Actors.Tests.Scheduling;

public sealed class ReceiveTimeoutTests : TestKit.TestKit
{
    [Fact]
    public void An_idle_actor_receives_receive_timeout()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor.Ref)));

        actor.Tell(TimeSpan.FromMilliseconds(50));

        ExpectMsg<ReceiveTimeout>();
    }

    [Fact]
    public void Receive_timeout_repeats_while_the_actor_stays_idle()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor.Ref)));

        actor.Tell(TimeSpan.FromMilliseconds(30));

        ExpectMsg<ReceiveTimeout>();
        ExpectMsg<ReceiveTimeout>();
    }

    [Fact]
    public void Messages_keep_postponing_the_receive_timeout()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor.Ref)));
        actor.Tell(TimeSpan.FromMilliseconds(300));

        // Activity every 50 ms for 600 ms: never idle for 300 ms.
        using var keepAlive = new Timer(_ => actor.Tell("busy"), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        ExpectNoMsg(TimeSpan.FromMilliseconds(600));
        keepAlive.Dispose();

        ExpectMsg<ReceiveTimeout>(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Setting_the_receive_timeout_to_null_cancels_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor.Ref)));
        actor.Tell(TimeSpan.FromMilliseconds(100));

        actor.Tell("cancel");

        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private sealed class IdleActor : ReceiveActor
    {
        public IdleActor(IActorRef probe)
        {
            Receive<TimeSpan>(timeout => Context.SetReceiveTimeout(timeout));
            Receive<string>(_ => Context.SetReceiveTimeout(null), m => m == "cancel");
            Receive<string>(_ => { });
            Receive<ReceiveTimeout>(timeout => probe.Tell(timeout));
        }
    }
}
