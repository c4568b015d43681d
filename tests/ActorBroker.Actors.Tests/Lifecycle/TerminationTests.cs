using System.Collections.Concurrent;
using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.Lifecycle;

public sealed class TerminationTests
{
    [Fact]
    public async Task Terminate_stops_every_actor_children_before_parents_and_runs_all_post_stops()
    {
        var stopped = new ConcurrentQueue<string>();
        var system = ActorSystem.Create("terminate");
        var root = system.ActorOf(Props.Create(() => new TreeActor(stopped, depth: 2)), "root");
        await root.Ask<string>("ready?", TimeSpan.FromSeconds(3));

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(5));

        var order = stopped.ToList();
        Assert.Equal(7, order.Count);
        foreach (var path in order)
        {
            var parent = path[..path.LastIndexOf('/')];
            if (parent != "/user")
            {
                Assert.True(order.IndexOf(path) < order.IndexOf(parent), $"{path} stopped after its parent {parent}.");
            }
        }
    }

    [Fact]
    public async Task When_terminated_completes_and_new_actors_are_refused_afterwards()
    {
        var system = ActorSystem.Create("refuse");

        await system.Terminate();

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        var error = Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create<EchoActor>()));
        Assert.Contains("terminating", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_waits_for_an_actor_busy_with_a_message()
    {
        using var gate = new SemaphoreSlim(0);
        var system = ActorSystem.Create("busy");
        var probe = new TestKit.TestKit();
        try
        {
            var actor = system.ActorOf(Props.Create(() => new GatedActor(gate, probe.TestActor.Ref)));
            actor.Tell("block");
            probe.ExpectMsg("blocked");

            var terminating = system.Terminate();
            Assert.False(terminating.IsCompleted);
            gate.Release();

            await terminating.WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await probe.DisposeAsync();
        }
    }

    [Fact]
    public void System_names_are_validated()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("ok", new ActorSystemSettings { Throughput = 0 }));
    }

    /// <summary>Builds a binary tree of the given depth below itself and records its path when it stops.</summary>
    private sealed class TreeActor : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stopped;

        public TreeActor(ConcurrentQueue<string> stopped, int depth)
        {
            _stopped = stopped;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new TreeActor(stopped, depth - 1)), "left");
                Context.ActorOf(Props.Create(() => new TreeActor(stopped, depth - 1)), "right");
            }

            Receive<string>(_ => Sender.Tell("ready"));
        }

        protected override void PostStop() => _stopped.Enqueue(Self.Path.ToString());
    }
}
