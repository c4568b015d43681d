using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// A durable queue as an entity of Akka's queue region: it keeps its node's queue actor for one declaration and marks,
/// by living in a remembered shard, that the queue must run somewhere. The queue actor itself lives under its host's
/// <see cref="QueueRegion"/> as every queue does (same supervision, same stop at shutdown); this entity only starts it
/// on its node, built from that node's <see cref="VirtualHost"/> (no live object crosses nodes), watches it, and
/// passivates once the queue was deleted, so that sharding does not bring it back.
/// </summary>
internal sealed class QueueEntity : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(200);

    private readonly QueueEntityId _id;
    private readonly BrokerOptions _options;
    private readonly List<IActorRef> _waiting = [];
    private QueueEntityProtocol.Start? _declared;
    private VirtualHost? _host;
    private IActorRef _queue = ActorRefs.Nobody;
    private bool _missedOnce;

    public QueueEntity(string entityId, BrokerOptions options)
    {
        _id = QueueEntityId.Parse(entityId);
        _options = options;
        Starting();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => FindHost();

    private void Starting()
    {
        Receive<QueueEntityProtocol.Start>(start =>
        {
            _declared ??= start;
            _waiting.Add(Sender);
        });
        Receive<VirtualHost>(host =>
        {
            _host = host;
            TryStart(host);
        });
        // The host is not on this node (yet), or not restored: ask again shortly.
        Receive<Status.Failure>(_ => Timers.StartSingleTimer(nameof(FindHost), FindAgain.Instance, s_retry));
        Receive<FindAgain>(_ => FindHost());
        Receive<QueueStarted>(started =>
        {
            _queue = started.Queue;
            Context.Watch(_queue);
            foreach (var waiting in _waiting)
            {
                waiting.Tell(new QueueEntityProtocol.Serving(_queue));
            }

            _waiting.Clear();
            if (started.Announce)
            {
                _host!.Actor.Tell(new QueueEntityProtocol.Started(_id.Name, _id.PersistenceId, _queue));
            }

            Become(Serving);
        });
        Receive<StartFailed>(failed =>
        {
            Refuse(failed.Error);
            // Sharding starts a remembered entity that stopped by itself again after its back-off.
            Context.Stop(Self);
        });
        Receive<QueueEntityProtocol.HandOff>(_ => Context.Stop(Self));
    }

    private void Serving()
    {
        Receive<QueueEntityProtocol.Start>(_ => Sender.Tell(new QueueEntityProtocol.Serving(_queue)));
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_queue), _ =>
        {
            if (!IsDeclared(_host!))
            {
                // Deleted: a remembered entity that merely stopped would be started again.
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            }

            // Otherwise the broker stopped, or the journal fenced the queue because another node claimed it: either way
            // it is not served here any more, and starting it again here would claim the journal back.
            Become(Stopped);
        });
        Receive<QueueEntityProtocol.HandOff>(_ =>
        {
            // The successor recovers once this entity stops: the queue's writes are decided by then.
            _queue.Tell(new QueueProtocol.Stop(DeleteJournal: false));
            Become(HandingOff);
        });
    }

    private void HandingOff()
    {
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_queue), _ => Context.Stop(Self));
        Receive<QueueEntityProtocol.Start>(_ => Sender.Tell(new Status.Failure(NotServed())));
    }

    private void Stopped()
    {
        Receive<QueueEntityProtocol.Start>(_ => Sender.Tell(new Status.Failure(NotServed())));
        Receive<QueueEntityProtocol.HandOff>(_ => Context.Stop(Self));
    }

    private void FindHost() =>
        Context.ActorSelection("/user/broker").Tell(new BrokerSupervisorProtocol.FindVirtualHost(_id.VirtualHost), Self);

    private void TryStart(VirtualHost host)
    {
        // A runtime this node's host built (a declare or a restore here) comes first: that host is busy awaiting it.
        var runtime = host.TakePendingQueue(_id.PersistenceId);
        var announce = false;
        if (runtime is null)
        {
            if (host.Journal is not null && IsDeclared(host) && host.Routing.TryGetQueue(_id.Name, out var known))
            {
                // Its shard came here after a rebalance or the loss of its node. If this node took the queue over when
                // that node became unreachable, the region answers with the queue already running.
                runtime = host.AdoptedQueueRuntime((QueueEndpoint)known, _options);
                announce = true;
            }
            else if (_declared is { } declared)
            {
                // Declared on another node whose replica here does not know it yet, or asked for by another node's
                // restore while this node has yet to restore its host (it waits for the turn the asking restore holds):
                // built from what the Start carries, without waiting for this host.
                runtime = host.DurableQueueRuntime(_id.Name, _id.PersistenceId, declared.Declaration, declared.EffectiveArguments,
                    _options, declared.RecoversAfterCrash || (_options.Durability?.RecoveredAfterCrash ?? false));
            }
            else if (host.Journal is null)
            {
                Timers.StartSingleTimer(nameof(FindHost), FindAgain.Instance, s_retry);
                return;
            }
            else if (!_missedOnce)
            {
                // A Start sent with this entity's creation may still be on its way: look once more before deciding.
                _missedOnce = true;
                Timers.StartSingleTimer(nameof(FindHost), FindAgain.Instance, s_retry);
                return;
            }
            else
            {
                // Remembered, but deleted since.
                Refuse(BrokerException.NotFound($"Queue '{_id.Name}' ({_id.PersistenceId}) was deleted."));
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
                Become(Stopped);
                return;
            }
        }

        var queues = Context.ActorSelection(host.Actor.Path / "queues");
        queues.AskFor<IActorRef>(new QueueRegionProtocol.StartQueue(runtime), _options.OperationTimeout)
            .PipeTo(Self, success: queue => new QueueStarted(queue, announce), failure: error => new StartFailed(error));
    }

    private bool IsDeclared(VirtualHost host) =>
        host.Routing.TryGetQueue(_id.Name, out var queue) && ((QueueEndpoint)queue).PersistenceId == _id.PersistenceId;

    private void Refuse(Exception error)
    {
        foreach (var waiting in _waiting)
        {
            waiting.Tell(new Status.Failure(error));
        }

        _waiting.Clear();
    }

    private BrokerException NotServed() =>
        new(BrokerErrorCode.InternalError, $"Queue '{_id.Name}' is not served on this node any more.");

    private sealed record FindAgain
    {
        public static readonly FindAgain Instance = new();
    }

    private sealed record QueueStarted(IActorRef Queue, bool Announce);

    private sealed record StartFailed(Exception Error);
}
