using ActorBroker.Broker.Remoting;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Consumers on another node get no new deliveries while the cluster sees that node unreachable: a killed node's
/// consumers would otherwise take their round-robin share into a void until the Split Brain Resolver downs the
/// node and death watch requeues it. Their unacked deliveries stay theirs (the node may come back); when it is
/// downed, death watch closes its channels and requeues them, flagged redelivered. Local consumers never involve
/// this, so the one-node path does no cluster work.
/// </summary>
internal sealed partial class QueueActor
{
    /// <summary>Called before a consumer of <paramref name="channel"/> is added, so that it starts paused if its node is unreachable.</summary>
    private void FollowReachability(long channelId, IActorRef channel)
    {
        var node = channel.Path.Address;
        if (node.HasLocalScope)
        {
            return;
        }

        NodeReachability.Get(Context.System).Watcher.Tell(new NodeReachabilityProtocol.WatchNode(node), Self);
        if (runtime.UnreachableNodes.Contains(node))
        {
            _state.MarkUnreachable(channelId);
        }
    }

    private bool ReceiveReachability(object message)
    {
        switch (message)
        {
            case NodeReachabilityProtocol.NodeUnreachable unreachable when runtime.UnreachableNodes.Add(unreachable.Node):
                foreach (var channelId in ChannelsOn(unreachable.Node))
                {
                    _state.MarkUnreachable(channelId);
                }

                return true;
            case NodeReachabilityProtocol.NodeReachable reachable when runtime.UnreachableNodes.Remove(reachable.Node):
                foreach (var channelId in ChannelsOn(reachable.Node))
                {
                    _state.MarkReachable(channelId);
                }

                Drain();
                return true;
            case NodeReachabilityProtocol.NodeRemoved removed:
                // Its channels stay paused until their Terminated closes them and requeues their unacked.
                runtime.UnreachableNodes.Remove(removed.Node);
                return true;
            case NodeReachabilityProtocol.NodeUnreachable or NodeReachabilityProtocol.NodeReachable:
                return true;
            default:
                return false;
        }
    }

    private List<long> ChannelsOn(Address node) =>
        runtime.Channels.Where(c => c.Key.Path.Address.Equals(node)).Select(c => c.Value).ToList();
}
