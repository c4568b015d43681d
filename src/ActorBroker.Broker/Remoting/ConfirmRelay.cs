using System.Collections.Concurrent;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Queues;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// Keeps the confirms of this node's publishes that went to queues on other nodes, by id, until those queues answer
/// (<see cref="Settled"/>). A queue whose node is lost never answers: every confirm waiting on a node is settled as
/// refused as soon as the cluster downs or removes that node, so its publisher hears nack within about the failure
/// detection time and publishes again (at least once, never lost). A confirm still waiting after <see cref="Timeout"/>
/// is refused too: the backstop for a node that answers nothing yet stays a member, and for a confirm whose node is not
/// known here (one that reached the wire without <see cref="Tell(IActorRef, QueueProtocol.Publish)"/>).
/// </summary>
internal sealed class ConfirmRelay : IExtension
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, Waiting> _waiting = new();
    private long _lastId;

    private ConfirmRelay(ExtendedActorSystem system) =>
        Actor = system.SystemActorOf(Props.Create(() => new RelayActor(this)), "actorbroker-confirm-relay");

    /// <summary>Where the other nodes send their answers.</summary>
    public IActorRef Actor { get; }

    public static ConfirmRelay Get(ActorSystem system) => system.WithExtension<ConfirmRelay, Provider>();

    /// <summary>
    /// Tells a queue a confirmed publish: one on another node gets the confirm as a <see cref="RelayedConfirm"/> kept
    /// under that node, so that the node's loss refuses it at once. A queue of this node gets the publish as it is.
    /// </summary>
    public static void Tell(IActorRef queue, QueueProtocol.Publish publish)
    {
        if (queue is RemoteActorRef remote)
        {
            publish = publish with { Confirm = RelayTo(remote, publish.Confirm) };
        }

        queue.Tell(publish, ActorRefs.NoSender);
    }

    /// <summary>Tells a queue a confirm barrier, relayed as a publish's confirm is.</summary>
    public static void Tell(IActorRef queue, QueueProtocol.ConfirmBarrier barrier)
    {
        if (queue is RemoteActorRef remote)
        {
            barrier = new QueueProtocol.ConfirmBarrier(RelayTo(remote, barrier.Confirm));
        }

        queue.Tell(barrier, ActorRefs.NoSender);
    }

    /// <summary>
    /// Remembers <paramref name="confirm"/> until one answer for the returned id arrives, or until the cluster downs or
    /// removes <paramref name="node"/>, the node of the queue it went to (null: not known, only the timeout refuses it).
    /// </summary>
    public long Register(PublishConfirm confirm, Address? node)
    {
        var id = Interlocked.Increment(ref _lastId);
        _waiting[id] = new Waiting(confirm, Environment.TickCount64, node);
        return id;
    }

    // A confirm relayed already (a queue forwarding to a third node) still answers its publisher's node.
    private static PublishConfirm RelayTo(RemoteActorRef queue, PublishConfirm confirm)
    {
        if (confirm is RelayedConfirm)
        {
            return confirm;
        }

        var relay = Get(((RemoteActorRefProvider)queue.Provider).Transport.System);
        return new RelayedConfirm(relay.Actor, relay.Register(confirm, queue.Path.Address));
    }

    private void Settle(long id, bool accepted)
    {
        if (_waiting.TryRemove(id, out var waiting))
        {
            waiting.Confirm.Settle(accepted);
        }
    }

    private void RefuseOverdue()
    {
        var overdue = Environment.TickCount64 - (long)Timeout.TotalMilliseconds;
        foreach (var (id, waiting) in _waiting)
        {
            if (waiting.Since < overdue)
            {
                Settle(id, accepted: false);
            }
        }
    }

    private void RefuseWaitingOn(Address node)
    {
        foreach (var (id, waiting) in _waiting)
        {
            if (node.Equals(waiting.Node))
            {
                Settle(id, accepted: false);
            }
        }
    }

    /// <summary>A queue on another node decided a relayed confirm.</summary>
    public sealed record Settled(long Id, bool Accepted);

    private sealed record Waiting(PublishConfirm Confirm, long Since, Address? Node);

    private sealed class RelayActor : ReceiveActor, IWithTimers
    {
        public RelayActor(ConfirmRelay relay)
        {
            Receive<Settled>(settled => relay.Settle(settled.Id, settled.Accepted));
            Receive<RefuseOverdueTick>(_ => relay.RefuseOverdue());
            // Downed is final (the node stops itself, and its queues are taken over): no answer can come any more.
            Receive<ClusterEvent.MemberDowned>(downed => relay.RefuseWaitingOn(downed.Member.Address));
            Receive<ClusterEvent.MemberRemoved>(removed => relay.RefuseWaitingOn(removed.Member.Address));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            Timers.StartPeriodicTimer(nameof(RefuseOverdueTick), RefuseOverdueTick.Instance, TimeSpan.FromSeconds(1));
            ClusterEventSubscription.Subscribe(Context, typeof(ClusterEvent.MemberDowned), typeof(ClusterEvent.MemberRemoved));
        }

        protected override void PostStop() => ClusterEventSubscription.Unsubscribe(Context);
    }

    private sealed record RefuseOverdueTick
    {
        public static RefuseOverdueTick Instance { get; } = new();
    }

    private sealed class Provider : ExtensionIdProvider<ConfirmRelay>
    {
        public override ConfirmRelay CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
