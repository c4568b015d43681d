using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Where the coordinator puts a queue shard. A new shard goes to the region that asked for it: a declare asks its own
/// node's region, so a new queue lives on the node that declared it (RabbitMQ's <c>client-local</c> leader locator).
/// A shard the coordinator re-homes by itself (a remembered shard whose node was lost or handed it off: the coordinator
/// is then the requester, not a region) goes to the region with the fewest shards, so a lost node's shards spread over
/// the survivors. Shards never move otherwise: moving a live queue cancels its consumers.
/// </summary>
internal sealed class DeclaringNodeAllocation : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (currentShardAllocations.ContainsKey(requester))
        {
            return Task.FromResult(requester);
        }

        var leastLoaded = currentShardAllocations
            .OrderBy(region => region.Value.Count)
            .ThenBy(region => region.Key.Path.Address.ToString(), StringComparer.Ordinal)
            .First().Key;
        return Task.FromResult(leastLoaded);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
}
