using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.Pattern;

public sealed class AskTests : TestKit.TestKit
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        Assert.Equal(42, await echo.Ask<int>(42, s_timeout));
    }

    [Fact]
    public async Task Ask_without_a_reply_fails_with_a_timeout_naming_the_message_the_target_and_the_time()
    {
        var silent = Sys.ActorOf(Props.Create<SilentActor>(), "silent");

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() =>
            silent.Ask<string>(new Question(), TimeSpan.FromMilliseconds(50)));

        Assert.Equal("Ask of Question to /user/silent timed out after 00:00:00.0500000.", error.Message);
    }

    [Fact]
    public async Task A_failure_reply_faults_the_ask_with_its_cause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var cause = new InvalidOperationException("no such queue");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            echo.Ask<string>(new Status.Failure(cause), s_timeout));

        Assert.Same(cause, error);
    }

    [Fact]
    public async Task A_reply_of_another_type_faults_the_ask_with_a_clear_message()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", s_timeout));

        Assert.Contains("expected a reply of type Int32 but got String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_ask_is_cancelled()
    {
        var silent = Sys.ActorOf(Props.Create<SilentActor>());
        using var cancellation = new CancellationTokenSource();

        var ask = silent.Ask<string>("hello?", s_timeout, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task Ask_to_a_stopped_actor_times_out_and_the_question_is_a_dead_letter()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor.Ref);

        await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask<string>("anyone?", TimeSpan.FromMilliseconds(50)));

        Assert.Equal("anyone?", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Ask_refuses_a_non_positive_timeout()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = echo.Ask<string>("x", TimeSpan.Zero); });
    }

    [Fact]
    public async Task Graceful_stop_completes_true_once_the_actor_has_handled_its_queue_and_stopped()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        echo.Tell("first", TestActor.Ref);

        Assert.True(await echo.GracefulStop(s_timeout));

        ExpectMsg("first");
    }

    [Fact]
    public async Task Graceful_stop_completes_false_when_the_actor_does_not_stop_in_time()
    {
        using var gate = new SemaphoreSlim(0);
        var stuck = Sys.ActorOf(Props.Create(() => new GatedActor(gate, TestActor.Ref)));
        stuck.Tell("block");
        ExpectMsg("blocked");

        Assert.False(await stuck.GracefulStop(TimeSpan.FromMilliseconds(50)));
        gate.Release();
    }

    private sealed record Question;

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }
}
