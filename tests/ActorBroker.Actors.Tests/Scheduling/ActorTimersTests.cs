namespace ActorBroker.Actors.Tests.Scheduling;

public sealed class ActorTimersTests : TestKit.TestKit
{
    [Fact]
    public void A_single_timer_delivers_its_message_to_the_actor_once()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor.Ref)));

        actor.Tell(new TimerActor.StartSingle("k", "ding", TimeSpan.FromMilliseconds(20)));

        ExpectMsg("ding");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_periodic_timer_repeats_until_cancelled_by_key()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor.Ref)));

        actor.Tell(new TimerActor.StartPeriodic("k", "tick", TimeSpan.FromMilliseconds(20)));
        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3));
        actor.Tell(new TimerActor.CancelTimer("k"));

        FishForMessage<string>(m => m == "cancelled");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void Starting_a_timer_with_an_active_key_replaces_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor.Ref)));

        actor.Tell(new TimerActor.StartSingle("k", "old", TimeSpan.FromMilliseconds(100)));
        actor.Tell(new TimerActor.StartSingle("k", "new", TimeSpan.FromMilliseconds(150)));

        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor.Ref)));
        actor.Tell(new TimerActor.StartPeriodic("k", "tick", TimeSpan.FromMilliseconds(20)));
        actor.Tell(new TimerActor.ExposeTimers());
        var timers = FishForMessage<ITimerScheduler>(_ => true);
        Assert.True(timers.IsTimerActive("k"));
        Watch(actor);

        Sys.Stop(actor);

        FishForMessage<Terminated>(_ => true);
        Assert.False(timers.IsTimerActive("k"));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor.Ref)));
        actor.Tell(new TimerActor.StartSingle("k", "stale", TimeSpan.FromMilliseconds(150)));

        actor.Tell(new TimerActor.Fail());

        ExpectMsg("started");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private sealed class TimerActor : ReceiveActor
    {
        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(m => Context.Timers.StartSingleTimer(m.Key, m.Message, m.Delay));
            Receive<StartPeriodic>(m => Context.Timers.StartPeriodicTimer(m.Key, m.Message, m.Interval));
            Receive<CancelTimer>(m =>
            {
                Context.Timers.Cancel(m.Key);
                probe.Tell("cancelled");
            });
            Receive<ExposeTimers>(_ => probe.Tell(Context.Timers));
            Receive<Fail>(_ => throw new InvalidOperationException("restart me"));
            Receive<string>(m => probe.Tell(m));
        }

        protected override void PostRestart(Exception reason) => Context.Self.Tell("started");

        public sealed record StartSingle(string Key, string Message, TimeSpan Delay);

        public sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);

        public sealed record CancelTimer(string Key);

        public sealed record ExposeTimers;

        public sealed record Fail;
    }
}
