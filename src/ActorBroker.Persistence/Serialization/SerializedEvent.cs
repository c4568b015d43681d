namespace ActorBroker.Persistence.Serialization;

/// <summary>An event or snapshot as stored: the manifest naming its type and its bytes.</summary>
public readonly record struct SerializedEvent(string Manifest, ReadOnlyMemory<byte> Payload);
