using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.Dispatch;

public sealed class ReceiveAsyncTests : TestKit.TestKit
{
    [Fact]
    public void No_other_message_is_handled_while_an_async_handler_is_running()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor.Ref, work.Task)));

        actor.Tell(new AsyncActor.Work("job"));
        actor.Tell("next");
        ExpectMsg("job:started");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        work.SetResult();

        ExpectMsg("job:finished");
        ExpectMsg("next");
    }

    [Fact]
    public void Sender_is_still_the_original_sender_after_an_await()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(CreateTestProbe().Ref, work.Task)));
        var origin = CreateTestProbe("origin");

        actor.Tell(new AsyncActor.Work("reply"), origin.Ref);
        work.SetResult();

        origin.ExpectMsg("reply:done");
    }

    [Fact]
    public void A_faulted_async_handler_fails_the_actor_with_its_message()
    {
        var failures = CreateTestProbe("failures");
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var supervisor = Sys.ActorOf(Props.Create<ParentActor>().WithSupervisorStrategy(
            new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, failure =>
            {
                failures.Ref.Tell(failure);
                return Directive.Resume;
            })));
        supervisor.Tell(new ParentActor.ChildRequest(Props.Create(() => new AsyncActor(TestActor.Ref, work.Task))), TestActor.Ref);
        var actor = ExpectMsg<IActorRef>();
        var job = new AsyncActor.Work("doomed");

        actor.Tell(job);
        ExpectMsg("doomed:started");
        work.SetException(new TimeoutException("disk too slow"));

        var failure = failures.ExpectMsg<Failure>();
        Assert.IsType<TimeoutException>(failure.Exception);
        Assert.Same(job, failure.Message);
        actor.Tell("next");
        ExpectMsg("next");
    }

    [Fact]
    public void System_messages_are_handled_while_an_async_handler_is_running()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor.Ref, work.Task)));
        actor.Tell("make-child", TestActor.Ref);
        var child = ReceiveN(2).OfType<IActorRef>().Single();
        actor.Tell(new AsyncActor.Work("job"));
        ExpectMsg("job:started");

        // The parent is suspended in its async handler, yet it supervises: the child is restarted.
        child.Tell("fail");
        ExpectMsg("started");

        work.SetResult();
        ExpectMsg("job:finished");
    }

    [Fact]
    public void Stopping_during_an_async_handler_waits_for_it_to_finish()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor.Ref, work.Task)));
        Watch(actor);
        actor.Tell(new AsyncActor.Work("job"));
        ExpectMsg("job:started");

        Sys.Stop(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        work.SetResult();

        ExpectMsg("job:finished");
        ExpectTerminated(actor);
    }

    private sealed class AsyncActor : ReceiveActor
    {
        public AsyncActor(IActorRef probe, Task work)
        {
            ReceiveAsync<Work>(async job =>
            {
                probe.Tell($"{job.Name}:started");
                await work;
                probe.Tell($"{job.Name}:finished");
                Sender.Tell($"{job.Name}:done");
            });
            Receive<string>(_ => Sender.Tell(Context.ActorOf(Props.Create(() => new CountingActor(probe)))), m => m == "make-child");
            Receive<string>(m => probe.Tell(m));
        }

        public sealed record Work(string Name);
    }
}
