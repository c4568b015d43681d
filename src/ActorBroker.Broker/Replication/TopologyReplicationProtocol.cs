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
    /// What the answering node owns of the host (see <see cref="TopologyChange.Of(Routing.RoutingTable)"/>);
    /// <paramref name="SawAskerDepart"/>: the asking node's address left the cluster while the answering node served the
    /// host (see <see cref="VirtualHosts.VirtualHost.SawDeparture"/>).
    /// </summary>
    public sealed record Snapshot(IReadOnlyList<TopologyChange> Changes, bool SawAskerDepart);

    /// <summary>
    /// Deletes a queue on the node that owns it, for a client of another node; answered with <see cref="QueueDeleted"/>
    /// once the removal is journaled and replicated, or <see cref="Refused"/>.
    /// </summary>
    public sealed record DeleteQueueOnOwner(string VirtualHost, string Queue, bool IfUnused, bool IfEmpty);

    public sealed record QueueDeleted(int Messages);

    /// <summary>A request the owner refused, with the error its own client would have got.</summary>
    public sealed record Refused(BrokerErrorCode Code, string Reason);
}
