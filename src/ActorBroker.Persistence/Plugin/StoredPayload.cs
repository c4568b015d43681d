using System.Globalization;
using System.Runtime.InteropServices;
using Akka.Serialization;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// An Akka message as a row stores it: the bytes its serializer wrote and, in the manifest column,
/// <c>{serializer id}:{serializer manifest}</c> (the manifest may be empty). The module README says why the
/// serializer id lives in the manifest column rather than a column of its own.
/// </summary>
internal readonly record struct StoredPayload(string Manifest, byte[] Bytes)
{
    private const char Separator = ':';

    /// <summary>Serializes <paramref name="message"/> with the serializer Akka binds to its type.</summary>
    public static StoredPayload Serialize(Serialization serialization, object message)
    {
        var serializer = serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var manifest = Serialization.ManifestFor(serializer, message);
        return new StoredPayload(
            serializer.Identifier.ToString(CultureInfo.InvariantCulture) + Separator + manifest, bytes);
    }

    /// <summary>A payload as the store read it; its array is used as it is when the memory spans all of it.</summary>
    public static StoredPayload FromStore(string manifest, ReadOnlyMemory<byte> payload) =>
        new(manifest, MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray());

    /// <summary>Restores the message; throws when the manifest is not ours or the serializer refuses the bytes.</summary>
    public object Deserialize(Serialization serialization)
    {
        var separator = Manifest.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(Manifest.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var serializerId))
        {
            throw new FormatException($"The manifest '{Manifest}' does not start with a serializer id ('{{id}}:{{manifest}}').");
        }

        return serialization.Deserialize(Bytes, serializerId, Manifest[(separator + 1)..]);
    }
}
