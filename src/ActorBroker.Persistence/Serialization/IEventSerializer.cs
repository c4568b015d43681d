namespace ActorBroker.Persistence.Serialization;

/// <summary>
/// Turns events and snapshots into a manifest plus bytes and back. The manifest is stored with each row
/// and must keep naming the same type for as long as rows with it exist.
/// </summary>
public interface IEventSerializer
{
    /// <summary>Serializes a value; throws <see cref="EventSerializationException"/> when its type is not registered.</summary>
    SerializedEvent Serialize(object value);

    /// <summary>
    /// Reads a value back; throws <see cref="EventSerializationException"/> when the manifest is unknown or
    /// the bytes are not a valid value of its type.
    /// </summary>
    object Deserialize(string manifest, ReadOnlyMemory<byte> payload);
}
