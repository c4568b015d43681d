using ActorBroker.Broker.Client;
using ActorBroker.Broker.Replication;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// The node's region of Akka's queue shards (type <see cref="TypeName"/>), started on every cluster member whose
/// journal is shared: durable queues are its entities (<see cref="QueueEntity"/>). Remembered entities on the shared
/// journal (the coordinator and each shard persist there) bring a queue back by themselves when its node is lost or
/// leaves: the coordinator re-homes the node's shards over the others, each starting its queues in parallel.
/// Transient and exclusive queues, and every queue of a node without a shared journal, stay in the host's
/// <see cref="QueueRegion"/>: they die with their node, so sharding would only add a write per declare.
/// </summary>
internal static class QueueEntities
{
    public const string TypeName = "queue";

    // Many shards, so that a declare nearly always opens a new shard, which goes to the declaring node (see
    // DeclaringNodeAllocation), and a lost node's queues spread over the others in many parts.
    public const int Shards = 1000;

    private static readonly Config s_settings = ConfigurationFactory.ParseString("""
        remember-entities = on
        state-store-mode = persistence
        """);

    /// <summary>Starts the region on a cluster member with a shared journal; nothing elsewhere.</summary>
    public static async Task StartAsync(ActorSystem system, BrokerOptions options)
    {
        if (!TopologyPeers.IsCluster(system) || options.Durability?.SharedJournalNode is null)
        {
            return;
        }

        system.Settings.InjectTopLevelFallback(ClusterSharding.DefaultConfig());
        system.Settings.InjectTopLevelFallback(ClusterSingleton.DefaultConfig());
        var config = system.Settings.Config;
        var settings = ClusterShardingSettings.Create(s_settings.WithFallback(config.GetConfig("akka.cluster.sharding")), config.GetConfig("akka.cluster.singleton"));
        await ClusterSharding.Get(system).StartAsync(
            TypeName,
            entityId => Props.Create(() => new QueueEntity(entityId, options)),
            settings,
            new QueueEntityExtractor(Shards),
            new DeclaringNodeAllocation(),
            QueueEntityProtocol.HandOff.Instance).ConfigureAwait(false);
    }

    /// <summary>The node's region, or null where durable queues are not sharded.</summary>
    public static IActorRef? RegionOf(ActorSystem system, BrokerOptions options)
    {
        var sharding = TopologyPeers.IsCluster(system) && options.Durability?.SharedJournalNode is not null ? ClusterSharding.Get(system) : null;
        return sharding is not null && sharding.ShardTypeNames.Contains(TypeName) ? sharding.ShardRegion(TypeName) : null;
    }
}
