using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// What nodes tell each other's broker supervisors about a virtual host's topology; the supervisor hands each to the
/// host's actor (or answers for a host it does not have).
/// </summary>
internal static class TopologyReplicationProtocol
{
    /// <summary>Changes a node made, in order, for the other nodes' replicas; answered with <see cref="Applied"/>.</summary>
    public sealed record Replicate(string VirtualHost, IReadOnlyList<TopologyChange> Changes);

    public sealed record Applied
    {
        public static Applied Instance { get; } = new();
    }

    /// <summary>A node that starts asks every other for what it owns of the host; answered with <see cref="Snapshot"/>.</summary>
    public sealed record RequestSnapshot(string VirtualHost);

    /// <summary>
    /// What the answering node owns of the host (see <see cref="TopologyChange.Of(Routing.RoutingTable)"/>) and the host's
    /// policies and schemas (every version, oldest first); <paramref name="SawAskerDepart"/>: the asking node's address left the cluster while the answering node
    /// served the host (see <see cref="VirtualHosts.VirtualHost.SawDeparture"/>).
    /// </summary>
    public sealed record Snapshot(IReadOnlyList<TopologyChange> Changes, bool SawAskerDepart, IReadOnlyList<Policies.Policy> Policies, IReadOnlyList<Schemas.MessageSchema> Schemas);

    /// <summary>A policy set or cleared on another node, in order with its topology changes; answered with <see cref="Applied"/>.</summary>
    public sealed record ReplicatePolicy(string VirtualHost, Policies.PolicyRecord Change);

    /// <summary>A schema registered or deleted on another node, in order with its topology changes; answered with <see cref="Applied"/>.</summary>
    public sealed record ReplicateSchema(string VirtualHost, Schemas.SchemaRecord Change);

    /// <summary>
    /// Deletes a queue on the node that owns it, for a client of another node; answered with <see cref="QueueDeleted"/>
    /// once the removal is journaled and replicated, or <see cref="Refused"/>.
    /// </summary>
    public sealed record DeleteQueueOnOwner(string VirtualHost, string Queue, bool IfUnused, bool IfEmpty);

    public sealed record QueueDeleted(int Messages);

    /// <summary>
    /// A virtual host created on another node, for this one's <see cref="VirtualHostListReplica"/> to create (journaled
    /// and restored as a local one); answered with <see cref="Applied"/> or <see cref="Refused"/>.
    /// </summary>
    public sealed record AddVirtualHost(string Name);

    /// <summary>A virtual host deleted on another node, deleted here as a local deletion does; answered like <see cref="AddVirtualHost"/>.</summary>
    public sealed record DeleteVirtualHost(string Name);

    /// <summary>A node that starts asks every other for its virtual hosts; answered with <see cref="VirtualHostNames"/>.</summary>
    public sealed record RequestVirtualHosts
    {
        public static RequestVirtualHosts Instance { get; } = new();
    }

    /// <summary>
    /// The answering node's virtual hosts; <paramref name="SawAskerDepart"/>: the asking node's address left the cluster
    /// while the answering node's broker ran, so every host created or deleted since reached the answering node and its
    /// list is the truth for the asker (see <see cref="Snapshot"/>).
    /// </summary>
    public sealed record VirtualHostNames(IReadOnlyList<string> Names, bool SawAskerDepart);

    /// <summary>A request the owner refused, with the error its own client would have got.</summary>
    public sealed record Refused(BrokerErrorCode Code, string Reason);
}
