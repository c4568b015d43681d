using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Where a lost node's queue shard goes: rendezvous hashing of the shard id over the candidate nodes, so every survivor
/// that sees the same candidates names the same home without asking anyone, and the shards of one lost node spread
/// evenly. The early takeover (a survivor recovers the queues of a node the cluster marks unreachable) and the shard
/// coordinator's later re-homing (<see cref="DeclaringNodeAllocation"/>) both ask it, so the coordinator gives a shard to
/// the node where its queues already run.
/// </summary>
internal static class ShardHome
{
    public static Address Choose(string shardId, IEnumerable<Address> candidates) =>
        candidates
            .Select(node => (Node: node, Name: node.ToString()))
            .OrderByDescending(candidate => Weight(shardId, candidate.Name))
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .First().Node;

    /// <summary>
    /// The nodes that may take over the shards of <paramref name="lost"/>, as this node sees the cluster: its reachable
    /// Up members when they are more than half of the Up and Leaving ones (the side Akka's keep-majority resolver keeps),
    /// else none, since a minority must never take queues from the majority. <paramref name="lost"/> counts as unreachable
    /// whatever <paramref name="state"/> says: the cluster's state is updated after it publishes the event.
    /// </summary>
    public static IReadOnlyList<Address> Survivors(ClusterEvent.CurrentClusterState state, Address lost) =>
        Survivors(state.Members.Select(member => (member.Address, member.Status, Reachable: !state.Unreachable.Contains(member))), lost);

    /// <summary>The same over members given as their address, status and reachability.</summary>
    public static IReadOnlyList<Address> Survivors(IEnumerable<(Address Node, MemberStatus Status, bool Reachable)> members, Address lost)
    {
        var voters = members.Where(member => member.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
        var reachable = voters.Where(member => member.Reachable && !member.Node.Equals(lost)).ToList();
        return reachable.Count * 2 > voters.Count
            ? reachable.Where(member => member.Status == MemberStatus.Up).Select(member => member.Node).ToList()
            : [];
    }

    // FNV-1a over both names, then a 64-bit finalizer: FNV alone leaves names that differ in their last characters
    // (ports, shard numbers) with weights too alike to rank fairly.
    private static ulong Weight(string shardId, string node)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in shardId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ '|') * 1099511628211UL;
        foreach (var c in node)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }
}
