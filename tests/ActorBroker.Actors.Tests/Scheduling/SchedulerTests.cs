namespace ActorBroker.Actors.Tests.Scheduling;

public sealed class SchedulerTests : TestKit.TestKit
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Tell_once_delivers_the_message_once_after_the_delay()
    {
        var sender = CreateTestProbe("sender");

        Sys.Scheduler.ScheduleTellOnce(s_short, TestActor.Ref, "later", sender.Ref);

        ExpectMsg("later");
        Assert.Same(sender.Ref, LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Tell_repeatedly_delivers_until_cancelled()
    {
        var schedule = Sys.Scheduler.ScheduleTellRepeatedly(s_short, s_short, TestActor.Ref, "tick", null);

        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3));
        schedule.Cancel();
        TestActor.Tell("marker");
        FishForMessage<string>(m => m == "marker");

        ExpectNoMsg(TimeSpan.FromMilliseconds(150));

        Assert.True(schedule.IsCancellationRequested);
    }

    [Fact]
    public void A_cancelled_tell_once_is_never_delivered()
    {
        var schedule = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(200), TestActor.Ref, "never", null);

        schedule.Cancel();

        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public void Negative_delays_and_empty_intervals_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(-1), TestActor.Ref, "x", null));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.Zero, TestActor.Ref, "x", null));
    }
}
