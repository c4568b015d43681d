using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// Published on the node's event stream when this node's routing stops naming <paramref name="From"/> for a queue
/// because another actor now serves it from the same journal (a survivor took it over from a lost or suspected node).
/// Channels consuming from <paramref name="From"/> cancel those consumers then, rather than when death watch reports
/// the old node removed, a second or more later (see <c>Channels/ChannelActor.LostQueues</c>).
/// </summary>
internal sealed record QueueMoved(IActorRef From);
