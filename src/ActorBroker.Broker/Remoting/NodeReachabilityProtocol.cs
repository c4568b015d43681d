using Akka.Actor;

namespace ActorBroker.Broker.Remoting;

/// <summary>Between a queue with consumers on other nodes and this node's <see cref="NodeReachability"/> watcher.</summary>
internal static class NodeReachabilityProtocol
{
    /// <summary>
    /// The sender has consumers on the member at <paramref name="Node"/>: tell it when that member becomes unreachable
    /// or reachable again, and now if it is unreachable already. Idempotent; the watch ends when the sender stops.
    /// </summary>
    public sealed record WatchNode(Address Node);

    /// <summary>The cluster's failure detector lost <paramref name="Node"/>: it may be dead or cut off, and may come back.</summary>
    public sealed record NodeUnreachable(Address Node);

    /// <summary><paramref name="Node"/> answers heartbeats again.</summary>
    public sealed record NodeReachable(Address Node);

    /// <summary>
    /// <paramref name="Node"/> left the cluster or was downed: death watch ends its channels. A node started again at
    /// the same address is a new member, reachable until the cluster says otherwise.
    /// </summary>
    public sealed record NodeRemoved(Address Node);
}
