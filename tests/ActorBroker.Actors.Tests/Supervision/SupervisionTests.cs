using System.Collections.Concurrent;
using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.Supervision;

public sealed class SupervisionTests : TestKit.TestKit
{
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_restart_keeps_the_messages_queued_behind_the_failed_one()
    {
        using var gate = new SemaphoreSlim(0);
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, Report(failures, Directive.Restart)));
        var child = CreateChild(supervisor, Props.Create(() => new FailOnDemandActor(gate, TestActor.Ref)));
        ExpectMsg("started");

        child.Tell("block");
        ExpectMsg("blocked");
        child.Tell("fail");
        child.Tell("after-1");
        child.Tell("after-2");
        gate.Release();

        failures.ExpectMsg<Failure>();
        ExpectMsg("started");
        ExpectMsg("after-1");
        ExpectMsg("after-2");
    }

    [Fact]
    public void The_decider_sees_the_child_the_exception_and_the_message_that_failed()
    {
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, Report(failures, Directive.Resume)));
        var child = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");

        child.Tell("fail");

        var failure = failures.ExpectMsg<Failure>();
        Assert.Same(child, failure.Child);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal("fail", failure.Message);
    }

    [Fact]
    public async Task Resume_keeps_the_actor_instance_and_its_state()
    {
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, _ => Directive.Resume));
        var child = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");
        child.Tell("a");
        child.Tell("b");

        child.Tell("fail");
        child.Tell("c");

        Assert.Equal(3, await child.Ask<int>("count", TimeSpan.FromSeconds(3)));
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Restart_replaces_the_instance_so_its_state_starts_over()
    {
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, _ => Directive.Restart));
        var child = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");
        child.Tell("a");

        child.Tell("fail");
        child.Tell("b");

        Assert.Equal(1, await child.Ask<int>("count", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Hooks_run_in_lifecycle_order_across_a_restart_and_a_stop()
    {
        var log = new ConcurrentQueue<string>();
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, _ => Directive.Restart));
        var child = CreateChild(supervisor, Props.Create(() => new LifecycleActor(log, TestActor.Ref)));
        Watch(child);

        child.Tell("fail");
        child.Tell("after");
        ExpectMsg("after");
        Sys.Stop(child);
        ExpectTerminated(child);

        Assert.Equal(
            ["ctor", "PreStart", "PreRestart(fail)", "PostStop", "ctor", "PostRestart", "PreStart", "PostStop"],
            log.ToArray());
    }

    [Fact]
    public void After_the_maximum_restarts_within_the_window_the_child_is_stopped()
    {
        var supervisor = Supervisor(new OneForOneStrategy(2, s_window, _ => Directive.Restart));
        var child = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");
        Watch(child);

        child.Tell("fail");
        ExpectMsg("started");
        child.Tell("fail");
        ExpectMsg("started");
        child.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void Zero_retries_means_the_first_failure_stops_the_child()
    {
        var supervisor = Supervisor(new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Restart));
        var child = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");
        Watch(child);

        child.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void Stop_directive_stops_only_the_failed_child_with_one_for_one()
    {
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, _ => Directive.Stop));
        var failing = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        var sibling = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ReceiveN(2);
        Watch(failing);

        failing.Tell("fail");
        ExpectTerminated(failing);
        sibling.Tell("still here");

        ExpectMsg("still here");
    }

    [Fact]
    public void All_for_one_restarts_every_sibling_when_one_fails()
    {
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new AllForOneStrategy(-1, s_window, Report(failures, Directive.Restart)));
        var failing = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        var sibling = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ReceiveN(2);

        failing.Tell("fail");

        failures.ExpectMsg<Failure>();
        Assert.Equal(["started", "started"], ReceiveN(2));
        sibling.Tell("x");
        ExpectMsg("x");
    }

    [Fact]
    public void All_for_one_stop_stops_every_sibling()
    {
        var supervisor = Supervisor(new AllForOneStrategy(-1, s_window, _ => Directive.Stop));
        var failing = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        var sibling = CreateChild(supervisor, Props.Create(() => new CountingActor(TestActor.Ref)));
        ReceiveN(2);
        Watch(failing);
        Watch(sibling);

        failing.Tell("fail");

        var stopped = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.True(stopped.SetEquals([failing, sibling]));
    }

    [Fact]
    public void Escalate_fails_the_supervisor_with_the_same_exception_for_its_own_parent_to_decide()
    {
        var topFailures = CreateTestProbe("top-failures");
        var top = Supervisor(new OneForOneStrategy(-1, s_window, Report(topFailures, Directive.Restart)));
        var middle = CreateChild(top, Props.Create<ParentActor>()
            .WithSupervisorStrategy(new OneForOneStrategy(-1, s_window, _ => Directive.Escalate)));
        var leaf = CreateChild(middle, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");
        Watch(leaf);

        leaf.Tell("fail");

        var failure = topFailures.ExpectMsg<Failure>();
        Assert.Same(middle, failure.Child);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal("fail", failure.Message);

        // Restarting the middle actor stops its children (the default PreRestart).
        ExpectTerminated(leaf);
    }

    [Fact]
    public void A_child_whose_failure_was_escalated_continues_when_its_parent_is_resumed()
    {
        var top = Supervisor(new OneForOneStrategy(-1, s_window, _ => Directive.Resume));
        var middle = CreateChild(top, Props.Create<ParentActor>()
            .WithSupervisorStrategy(new OneForOneStrategy(-1, s_window, _ => Directive.Escalate)));
        var leaf = CreateChild(middle, Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");

        leaf.Tell("fail");
        leaf.Tell("after");

        ExpectMsg("after");
    }

    [Fact]
    public void A_restarted_actor_can_recreate_children_with_the_same_names()
    {
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, Report(failures, Directive.Restart)));
        var parent = CreateChild(supervisor, Props.Create(() => new NamedChildParent(TestActor.Ref)));
        ExpectMsg("started");

        parent.Tell("fail");

        ExpectMsg("started");
        failures.ExpectMsg<Failure>();
        failures.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_decider_sees_the_timer_message_when_a_timer_handler_fails()
    {
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, Report(failures, Directive.Stop)));
        var child = CreateChild(supervisor, Props.Create<FailingTimerActor>());

        Assert.Equal("boom", failures.ExpectMsg<Failure>().Message);
        Watch(child);
        ExpectTerminated(child);
    }

    [Fact]
    public void A_constructor_that_throws_is_a_failure_and_stops_the_actor_by_default()
    {
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, Report(failures, SupervisorStrategy.DefaultDecider)));
        var child = CreateChild(supervisor, Props.Create<ThrowingConstructorActor>());
        Watch(child);

        var failure = failures.ExpectMsg<Failure>();
        var initialization = Assert.IsType<ActorInitializationException>(failure.Exception);
        Assert.IsType<ArgumentException>(initialization.InnerException);
        Assert.Null(failure.Message);
        ExpectTerminated(child);
    }

    [Fact]
    public void Resuming_an_actor_whose_constructor_failed_creates_a_new_instance()
    {
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, _ => Directive.Resume));
        var child = CreateChild(supervisor, Props.Create(() => new FailsFirstConstructionActor(TestActor.Ref)));

        child.Tell("hello");

        ExpectMsg("hello");
    }

    [Fact]
    public void A_pre_start_that_throws_is_a_failure_too()
    {
        var failures = CreateTestProbe("failures");
        var supervisor = Supervisor(new OneForOneStrategy(-1, s_window, Report(failures, SupervisorStrategy.DefaultDecider)));
        var child = CreateChild(supervisor, Props.Create<ThrowingPreStartActor>());
        Watch(child);

        Assert.IsType<ActorInitializationException>(failures.ExpectMsg<Failure>().Exception);
        ExpectTerminated(child);
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");
        Watch(actor);

        actor.Tell(Kill.Instance);

        ExpectTerminated(actor);
    }

    [Fact]
    public void The_default_strategy_restarts_an_actor_that_throws()
    {
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(TestActor.Ref)));
        ExpectMsg("started");

        actor.Tell("fail");

        ExpectMsg("started");
    }

    [Fact]
    public void Failures_are_published_as_error_events()
    {
        Sys.EventStream.Subscribe<ErrorEvent>(TestActor.Ref);
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(CreateTestProbe().Ref)));

        actor.Tell("fail");

        var error = ExpectMsg<ErrorEvent>();
        Assert.Same(actor, error.Source);
        Assert.IsType<InvalidOperationException>(error.Cause);
    }

    [Fact]
    public void Strategies_reject_nonsensical_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneForOneStrategy(-2, s_window, _ => Directive.Stop));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllForOneStrategy(1, TimeSpan.Zero, _ => Directive.Stop));
        Assert.Throws<ArgumentNullException>(() => new OneForOneStrategy(1, s_window, null!));
    }

    private static Func<Failure, Directive> Report(TestKit.TestProbe probe, Directive directive) => Report(probe, _ => directive);

    private static Func<Failure, Directive> Report(TestKit.TestProbe probe, Func<Failure, Directive> decider) =>
        failure =>
        {
            probe.Ref.Tell(failure);
            return decider(failure);
        };

    private IActorRef Supervisor(SupervisorStrategy strategy) =>
        Sys.ActorOf(Props.Create<ParentActor>().WithSupervisorStrategy(strategy));

    private IActorRef CreateChild(IActorRef parent, Props props)
    {
        var probe = CreateTestProbe("creator");
        parent.Tell(new ParentActor.ChildRequest(props), probe.Ref);
        return probe.ExpectMsg<IActorRef>();
    }

    private sealed class FailOnDemandActor : ReceiveActor
    {
        public FailOnDemandActor(SemaphoreSlim gate, IActorRef probe)
        {
            probe.Tell("started");
            Receive<string>(
                _ =>
                {
                    probe.Tell("blocked");
                    gate.Wait(TimeSpan.FromSeconds(10));
                },
                m => m == "block");
            Receive<string>(_ => throw new InvalidOperationException("fail"), m => m == "fail");
            ReceiveAny(m => probe.Tell(m));
        }
    }

    /// <summary>Creates a child with a fixed name in its constructor, so a restart must wait for the old one to stop.</summary>
    private sealed class NamedChildParent : ReceiveActor
    {
        public NamedChildParent(IActorRef probe)
        {
            Context.ActorOf(Props.Create<EchoActor>(), "kid");
            probe.Tell("started");
            Receive<string>(_ => throw new InvalidOperationException("fail"), m => m == "fail");
        }
    }

    private sealed class FailingTimerActor : ReceiveActor
    {
        public FailingTimerActor()
        {
            Context.Timers.StartSingleTimer("t", "boom", TimeSpan.FromMilliseconds(10));
            Receive<string>(_ => throw new InvalidOperationException("timer handler failed"));
        }
    }

    private sealed class ThrowingConstructorActor : ReceiveActor
    {
        public ThrowingConstructorActor() => throw new ArgumentException("bad configuration");
    }

    private sealed class FailsFirstConstructionActor : ReceiveActor
    {
        private static int s_constructions;

        public FailsFirstConstructionActor(IActorRef probe)
        {
            if (Interlocked.Increment(ref s_constructions) == 1)
            {
                throw new InvalidOperationException("first construction fails");
            }

            ReceiveAny(m => probe.Tell(m));
        }
    }

    private sealed class ThrowingPreStartActor : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }
}
