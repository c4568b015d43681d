using System.Collections.Concurrent;

namespace ActorBroker.Actors.Tests.Actor;

/// <summary>Replies to every message with the same message.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}

/// <summary>Forwards every message it gets to a target, keeping the sender.</summary>
internal sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(IActorRef target) => ReceiveAny(message => Context.Forward(target, message));
}

/// <summary>Blocks its mailbox turn on "block" until the gate opens, so later messages pile up in its mailbox.</summary>
internal sealed class GatedActor : ReceiveActor
{
    public GatedActor(SemaphoreSlim gate, IActorRef probe)
    {
        Receive<string>(
            _ =>
            {
                probe.Tell("blocked");
                gate.Wait(TimeSpan.FromSeconds(10));
            },
            message => message == "block");
        Receive<string>(_ => Sender.Tell("pong"), message => message == "ping");
        ReceiveAny(message => probe.Tell(message, Sender));
    }
}

/// <summary>Records its constructor and lifecycle hooks in a log and fails on "fail".</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly ConcurrentQueue<string> _log;

    public LifecycleActor(ConcurrentQueue<string> log, IActorRef probe)
    {
        _log = log;
        Record("ctor");
        Receive<string>(message => throw new InvalidOperationException("fail"), message => message == "fail");
        ReceiveAny(message => probe.Tell(message, Self));
    }

    protected override void PreStart() => Record("PreStart");

    protected override void PostStop() => Record("PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        Record($"PreRestart({message})");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        Record("PostRestart");
        base.PostRestart(reason);
    }

    private void Record(string hook) => _log.Enqueue(hook);
}

/// <summary>Counts messages; fails on "fail", answers "count" with the count so far.</summary>
internal sealed class CountingActor : ReceiveActor
{
    private int _count;

    public CountingActor(IActorRef probe)
    {
        probe.Tell("started");
        Receive<string>(_ => throw new InvalidOperationException("fail"), message => message == "fail");
        Receive<string>(_ => Sender.Tell(_count, Self), message => message == "count");
        ReceiveAny(message =>
        {
            _count++;
            probe.Tell(message, Self);
        });
    }
}

/// <summary>A parent that creates children on request and reports the refs; its strategy comes from its props.</summary>
internal sealed class ParentActor : ReceiveActor
{
    public ParentActor()
    {
        Receive<ChildRequest>(request => Sender.Tell(Context.ActorOf(request.Props, request.Name), Self));
        Receive<Inspect>(_ => Sender.Tell((Context.Children.ToArray(), Context.Child("b"), Context.Child("a")), Self));
    }

    internal sealed record ChildRequest(Props Props, string? Name = null);

    /// <summary>Asks for (children, child "b", child "a").</summary>
    internal sealed class Inspect
    {
        public static readonly Inspect Instance = new();
    }
}
