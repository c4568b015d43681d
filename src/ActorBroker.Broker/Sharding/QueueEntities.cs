using ActorBroker.Broker.Client;
using ActorBroker.Broker.Replication;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// The node's region of Akka's queue shards (type <see cref="TypeName"/>), started on every cluster member whose
/// journal is shared: durable queues are its entities (<see cref="QueueEntity"/>). Remembered entities on the shared
/// journal (each shard journals its entities, the coordinator the ids of its shards) bring a queue back by themselves
/// when its node is lost or leaves: the coordinator re-homes the node's shards over the others, each starting its
/// queues in parallel. Where each shard lives is kept in distributed data, not journaled: Akka's persistent coordinator
/// state holds actor refs, and a coordinator that replays refs of a node that restarted at the same address (or events
/// its predecessor could not finish) fails its recovery ("Shard … already allocated") and leaves the cluster without
/// any shard allocation; Akka.NET recommends this combination since 1.5.
/// Transient and exclusive queues, and every queue of a node without a shared journal, stay in the host's
/// <see cref="QueueRegion"/>: they die with their node, so sharding would only add a write per declare.
/// </summary>
internal static class QueueEntities
{
    public const string TypeName = "queue";

    // Many shards, so that a declare nearly always opens a new shard, which goes to the declaring node (see
    // DeclaringNodeAllocation), and a lost node's queues spread over the others in many parts (ShardHome).
    public const int Shards = 1000;

    private static readonly QueueEntityExtractor s_extractor = new(Shards);

    private static readonly Config s_settings = ConfigurationFactory.ParseString("""
        remember-entities = on
        remember-entities-store = eventsourced
        state-store-mode = ddata
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
        system.Settings.InjectTopLevelFallback(DistributedData.DefaultConfig());
        var config = system.Settings.Config;
        var settings = ClusterShardingSettings.Create(s_settings.WithFallback(config.GetConfig("akka.cluster.sharding")), config.GetConfig("akka.cluster.singleton"));
        await ClusterSharding.Get(system).StartAsync(
            TypeName,
            entityId => Props.Create(() => new QueueEntity(entityId, options)),
            settings,
            s_extractor,
            new DeclaringNodeAllocation(Akka.Cluster.Cluster.Get(system).SelfAddress),
            QueueEntityProtocol.HandOff.Instance).ConfigureAwait(false);
    }

    /// <summary>The shard of a queue's entity (<see cref="QueueEntityId"/>).</summary>
    public static string ShardOf(string entityId) => s_extractor.ShardId(entityId);

    /// <summary>The node's region, or null where durable queues are not sharded.</summary>
    public static IActorRef? RegionOf(ActorSystem system, BrokerOptions options)
    {
        var sharding = TopologyPeers.IsCluster(system) && options.Durability?.SharedJournalNode is not null ? ClusterSharding.Get(system) : null;
        return sharding is not null && sharding.ShardTypeNames.Contains(TypeName) ? sharding.ShardRegion(TypeName) : null;
    }
}
