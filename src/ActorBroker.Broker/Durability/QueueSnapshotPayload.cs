namespace ActorBroker.Broker.Durability;

/// <summary>
/// A durable queue's snapshot (see <see cref="QueueSnapshot"/>), encoded on the queue's thread at the moment it is
/// taken: Akka serializes a snapshot later, on the snapshot store, while the queue goes on changing.
/// </summary>
internal sealed record QueueSnapshotPayload(byte[] Encoded);
