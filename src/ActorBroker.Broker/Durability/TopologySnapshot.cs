namespace ActorBroker.Broker.Durability;

/// <summary>
/// A virtual host's durable topology frozen as bytes at the moment of the snapshot: Akka serializes a snapshot
/// later, on the snapshot store, while the live <see cref="DurableTopology"/> goes on changing.
/// </summary>
internal sealed record TopologySnapshot(byte[] Encoded)
{
    public static TopologySnapshot Of(DurableTopology topology) => new(topology.EncodeSnapshot());

    public DurableTopology Decode() => DurableTopology.DecodeSnapshot(DurableTopology.SnapshotManifest, Encoded);
}
