using System.Collections.Concurrent;
using ActorBroker.Broker.Confirms;
using Akka.Actor;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// Keeps the confirms of this node's publishes that went to queues on other nodes, by id, until those queues answer
/// (<see cref="Settled"/>). A queue whose node is lost never answers: a confirm still waiting after
/// <see cref="Timeout"/> is settled as refused, so its publisher hears nack and publishes again instead of waiting
/// forever (at least once, never lost).
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

    /// <summary>Remembers <paramref name="confirm"/> until one answer for the returned id arrives.</summary>
    public long Register(PublishConfirm confirm)
    {
        var id = Interlocked.Increment(ref _lastId);
        _waiting[id] = new Waiting(confirm, Environment.TickCount64);
        return id;
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

    /// <summary>A queue on another node decided a relayed confirm.</summary>
    public sealed record Settled(long Id, bool Accepted);

    private sealed record Waiting(PublishConfirm Confirm, long Since);

    private sealed class RelayActor : ReceiveActor, IWithTimers
    {
        public RelayActor(ConfirmRelay relay)
        {
            Receive<Settled>(settled => relay.Settle(settled.Id, settled.Accepted));
            Receive<RefuseOverdueTick>(_ => relay.RefuseOverdue());
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() =>
            Timers.StartPeriodicTimer(nameof(RefuseOverdueTick), RefuseOverdueTick.Instance, TimeSpan.FromSeconds(1));
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
