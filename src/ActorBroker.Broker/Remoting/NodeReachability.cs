using Akka.Actor;
using Akka.Cluster;
using static ActorBroker.Broker.Remoting.NodeReachabilityProtocol;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// One subscriber to the cluster's reachability events per node, on behalf of every queue with consumers on other
/// nodes: a thousand queues do not each subscribe, and a queue whose consumers are all local never hears of the
/// cluster. Only the members someone watches are told about; a removed member is forgotten (death watch ends its
/// channels), so one started again at the same address starts reachable. In a system that is not a cluster member (an embedded broker) nothing is ever unreachable.
/// </summary>
internal sealed class NodeReachability : IExtension
{
    private NodeReachability(ExtendedActorSystem system) =>
        Watcher = system.SystemActorOf(Props.Create(() => new WatcherActor()), "actorbroker-node-reachability");

    /// <summary>Where queues send <see cref="WatchNode"/>.</summary>
    public IActorRef Watcher { get; }

    public static NodeReachability Get(ActorSystem system) => system.WithExtension<NodeReachability, Provider>();

    private sealed class WatcherActor : ReceiveActor
    {
        private readonly Dictionary<Address, HashSet<IActorRef>> _watchers = [];
        private readonly HashSet<Address> _unreachable = [];

        public WatcherActor()
        {
            Receive<WatchNode>(Watch);
            Receive<ClusterEvent.UnreachableMember>(e => Tell(e.Member.Address, reachable: false));
            Receive<ClusterEvent.ReachableMember>(e => Tell(e.Member.Address, reachable: true));
            Receive<ClusterEvent.MemberRemoved>(e => Forget(e.Member.Address));
            Receive<Terminated>(t => Unwatch(t.ActorRef));
        }

        protected override void PreStart() =>
            ClusterEventSubscription.Subscribe(Context, typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberRemoved));

        protected override void PostStop() => ClusterEventSubscription.Unsubscribe(Context);

        private void Watch(WatchNode watch)
        {
            if (!_watchers.TryGetValue(watch.Node, out var queues))
            {
                _watchers[watch.Node] = queues = [];
            }

            if (queues.Add(Sender))
            {
                Context.Watch(Sender);
            }

            if (_unreachable.Contains(watch.Node))
            {
                Sender.Tell(new NodeUnreachable(watch.Node));
            }
        }

        private void Tell(Address node, bool reachable)
        {
            var changed = reachable ? _unreachable.Remove(node) : _unreachable.Add(node);
            if (!changed || !_watchers.TryGetValue(node, out var queues))
            {
                return;
            }

            object notice = reachable ? new NodeReachable(node) : new NodeUnreachable(node);
            foreach (var queue in queues)
            {
                queue.Tell(notice);
            }
        }

        private void Forget(Address node)
        {
            _unreachable.Remove(node);
            if (_watchers.Remove(node, out var queues))
            {
                foreach (var queue in queues)
                {
                    queue.Tell(new NodeRemoved(node));
                }
            }
        }

        private void Unwatch(IActorRef queue)
        {
            foreach (var queues in _watchers.Values)
            {
                queues.Remove(queue);
            }
        }
    }

    private sealed class Provider : ExtensionIdProvider<NodeReachability>
    {
        public override NodeReachability CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
