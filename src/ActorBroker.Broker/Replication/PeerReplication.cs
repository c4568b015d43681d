using ActorBroker.Broker.Errors;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// Makes a change on every other node of a cluster before it is answered: the actor at one path on each reachable Up
/// member is asked to apply it, and the change completes once every one of them answered. A member that does not
/// answer in time or refuses is logged and passed over (the change stands where it was made; a member that missed it
/// takes the cluster's state when it starts again). Outside a cluster, or alone in one, there is no one to wait for.
/// </summary>
public static class PeerReplication
{
    /// <summary>
    /// Asks the actor at <paramref name="path"/> (a path without an address, the same on every node) on every other
    /// member but those in <paramref name="except"/> to apply <paramref name="change"/>; completes once each answered or
    /// was passed over, never faulted.
    /// </summary>
    public static Task ApplyEverywhereAsync(ActorSystem system, ActorPath path, object change, TimeSpan timeout, IReadOnlySet<Address>? except = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(change);
        var peers = TopologyPeers.At(system, path, except);
        return peers.Count == 0 ? Task.CompletedTask : Task.WhenAll(peers.Select(peer => AppliedOnAsync(system, peer, change, timeout)));
    }

    /// <summary>
    /// Asks the actor at <paramref name="path"/> on the member at <paramref name="node"/> alone to apply
    /// <paramref name="change"/>, whether or not this node's view of the cluster counts it reachable yet.
    /// </summary>
    public static Task ApplyOnAsync(ActorSystem system, Address node, ActorPath path, object change, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(path);
        return AppliedOnAsync(system, system.ActorSelection(new RootActorPath(node) / path.Elements), change, timeout);
    }

    /// <summary>
    /// Asks the actor at <paramref name="path"/> on every other member for its state; returns the answers of those that
    /// answered in time (none outside a cluster or alone in one). A member that has no such actor yet (its broker is
    /// still starting, as when nodes start together) is passed over at once rather than after the timeout.
    /// </summary>
    public static async Task<IReadOnlyList<T>> AskEveryPeerAsync<T>(ActorSystem system, ActorPath path, object question, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(question);
        var answers = await Task.WhenAll(TopologyPeers.At(system, path).Select(peer => AnswerOfAsync<T>(system, peer, question, timeout))).ConfigureAwait(false);
        return [.. answers.Where(answer => answer is not null).Select(answer => answer!)];
    }

    private static async Task AppliedOnAsync(ActorSystem system, ActorSelection peer, object change, TimeSpan timeout)
    {
        try
        {
            var reply = await peer.Ask<object>(change, timeout).ConfigureAwait(false);
            if (reply is TopologyReplicationProtocol.Refused or Status.Failure)
            {
                LogOf(system).Warning("Node {0} refused {1}: {2}", peer.Anchor.Path.Address, change, reply);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogOf(system).Warning("Node {0} did not apply {1} in time: {2}", peer.Anchor.Path.Address, change, error.Message);
        }
    }

    private static async Task<T?> AnswerOfAsync<T>(ActorSystem system, ActorSelection peer, object question, TimeSpan timeout)
    {
        try
        {
            var target = await peer.ResolveOne(timeout).ConfigureAwait(false);
            return await target.Ask<T>(question, timeout).ConfigureAwait(false);
        }
        catch (ActorNotFoundException)
        {
            LogOf(system).Info("Node {0} has not started its broker yet: not asked {1}", peer.Anchor.Path.Address, question);
            return default;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogOf(system).Warning("Node {0} did not answer {1} in time: {2}", peer.Anchor.Path.Address, question, error.Message);
            return default;
        }
    }

    /// <summary>The reply of a node that could not apply a change, for <see cref="ApplyEverywhereAsync"/> to log.</summary>
    public static object RefusalOf(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new TopologyReplicationProtocol.Refused(error is BrokerException broker ? broker.Code : BrokerErrorCode.InternalError, error.Message);
    }

    private static ILoggingAdapter LogOf(ActorSystem system) => Logging.GetLogger(system, typeof(PeerReplication));
}
