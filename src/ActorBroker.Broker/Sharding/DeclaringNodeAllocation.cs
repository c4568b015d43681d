using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Where the coordinator puts a queue shard. A new shard goes to the region that asked for it: a declare asks its own
/// node's region, so a new queue lives on the node that declared it (RabbitMQ's <c>client-local</c> leader locator).
/// A shard the coordinator re-homes by itself (a remembered shard whose node was lost or handed it off: the coordinator
/// is then the requester, not a region) goes where <see cref="ShardHome"/> puts it among the regions: where a survivor
/// took its queues over when their node became unreachable, and spread evenly either way. Shards never move otherwise:
/// moving a live queue cancels its consumers.
/// </summary>
/// <param name="self">This node's address: the coordinator's own region is a local reference, without one.</param>
internal sealed class DeclaringNodeAllocation(Address self) : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (currentShardAllocations.ContainsKey(requester))
        {
            return Task.FromResult(requester);
        }

        var home = ShardHome.Choose(shardId, currentShardAllocations.Keys.Select(NodeOf));
        return Task.FromResult(currentShardAllocations.Keys.First(region => NodeOf(region).Equals(home)));
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);

    private Address NodeOf(IActorRef region) => region.Path.Address.HasLocalScope ? self : region.Path.Address;
}
