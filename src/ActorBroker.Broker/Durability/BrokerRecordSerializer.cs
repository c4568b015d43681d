using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Delayed;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Schemas;
using ActorBroker.Broker.Streams;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Writes the broker's journal records and snapshots in their compact binary formats for Akka.Persistence; the
/// manifest names the format and its version. Registered by <see cref="BrokerSerialization"/>.
/// </summary>
internal sealed class BrokerRecordSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7341;

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        VirtualHostRecord => VirtualHostRecord.Manifest,
        DeclarationRecord => DeclarationRecord.ManifestName,
        PolicyRecord => PolicyRecord.Manifest,
        SchemaRecord => SchemaRecord.Manifest,
        DelayedRecord => DelayedRecord.Manifest,
        DelayedSnapshot => DelayedSnapshot.Manifest,
        DeduplicationRecord => DeduplicationRecord.Manifest,
        DeduplicationSnapshot => DeduplicationSnapshot.Manifest,
        TopologySnapshot => DurableTopology.SnapshotManifest,
        QueueRow => QueueRecord.BatchManifest,
        QueueSnapshotPayload snapshot => snapshot.Manifest,
        StreamChunk => StreamChunk.Manifest,
        StreamIndexSnapshot => StreamIndex.SnapshotManifest,
        ConsumerGroupCommitted => ConsumerGroupCommitted.Manifest,
        ConsumerGroupOffsetsSnapshot => ConsumerGroupOffsetsSnapshot.Manifest,
        _ => throw Unsupported(o.GetType()),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        VirtualHostRecord record => record.Encode(),
        DeclarationRecord record => record.Encode(),
        PolicyRecord record => record.Encode(),
        SchemaRecord record => record.Encode(),
        DelayedRecord record => record.Encode(),
        DelayedSnapshot snapshot => snapshot.Encode(),
        DeduplicationRecord record => record.Encode(),
        DeduplicationSnapshot snapshot => snapshot.Encode(),
        TopologySnapshot snapshot => snapshot.Encoded,
        QueueRow row => QueueRecord.EncodeBatch(row.Records),
        QueueSnapshotPayload snapshot => snapshot.Encoded,
        StreamChunk chunk => chunk.Encode(),
        StreamIndexSnapshot snapshot => snapshot.Encoded,
        ConsumerGroupCommitted record => record.Encode(),
        ConsumerGroupOffsetsSnapshot snapshot => snapshot.Encode(),
        _ => throw Unsupported(obj.GetType()),
    };

    /// <exception cref="InvalidDataException">An unknown manifest or a payload that does not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        VirtualHostRecord.Manifest => VirtualHostRecord.Decode(manifest, bytes),
        PolicyRecord.Manifest => PolicyRecord.Decode(manifest, bytes),
        SchemaRecord.Manifest => SchemaRecord.Decode(manifest, bytes),
        DelayedRecord.Manifest => DelayedRecord.Decode(manifest, bytes),
        DelayedSnapshot.Manifest => DelayedSnapshot.Decode(manifest, bytes),
        DeduplicationRecord.Manifest => DeduplicationRecord.Decode(manifest, bytes),
        DeduplicationSnapshot.Manifest => DeduplicationSnapshot.Decode(manifest, bytes),
        DurableTopology.SnapshotManifest => TopologySnapshot.Of(DurableTopology.DecodeSnapshot(manifest, bytes)),
        QueueRecord.BatchManifest => new QueueRow(QueueRecord.DecodeBatch(manifest, bytes)),
        _ when QueueSnapshot.IsReadable(manifest) => new QueueSnapshotPayload(bytes, manifest),
        StreamChunk.Manifest => StreamChunk.Decode(bytes),
        StreamIndex.SnapshotManifest => new StreamIndexSnapshot(bytes),
        ConsumerGroupCommitted.Manifest => ConsumerGroupCommitted.Decode(bytes),
        ConsumerGroupOffsetsSnapshot.Manifest => ConsumerGroupOffsetsSnapshot.Decode(bytes),
        _ when manifest == DeclarationRecord.ManifestName => DeclarationRecord.Decode(manifest, bytes),
        _ => throw new InvalidDataException($"The broker has no record format '{manifest}'."),
    };

    private static ArgumentException Unsupported(Type type) =>
        new($"{nameof(BrokerRecordSerializer)} does not write {type.FullName}.", nameof(type));
}
