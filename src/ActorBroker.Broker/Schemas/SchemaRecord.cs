using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Schemas;

/// <summary>A change of a virtual host's schema registry, as its schema journal stores it.</summary>
internal abstract record SchemaRecord
{
    public const string Manifest = "vhost.schema.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Writes the record into <paramref name="writer"/>, as the topology wire format carries it too.</summary>
    public void WriteTo(RecordWriter writer)
    {
        switch (this)
        {
            case SchemaAdded added:
                writer.Byte(1);
                writer.String(added.Schema.Name);
                writer.Int32(added.Schema.Version);
                writer.Time(added.Schema.RegisteredAt);
                writer.String(added.Schema.Document);
                break;
            case SchemaRemoved removed:
                writer.Byte(2);
                writer.String(removed.Name);
                break;
        }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest, a bad payload or a schema that no longer compiles.</summary>
    public static SchemaRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown schema journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        var record = ReadFrom(ref reader);
        return reader.AtEnd ? record : throw new InvalidDataException("A schema record has trailing bytes.");
    }

    /// <summary>Reads a record <see cref="WriteTo"/> wrote; throws <see cref="InvalidDataException"/> as <see cref="Decode"/> does.</summary>
    public static SchemaRecord ReadFrom(ref RecordReader reader) => reader.Byte() switch
    {
        1 => new SchemaAdded(ReadSchema(ref reader)),
        2 => new SchemaRemoved(reader.String()),
        var kind => throw new InvalidDataException($"Unknown schema record kind {kind}."),
    };

    private static MessageSchema ReadSchema(ref RecordReader reader)
    {
        var (name, version, registeredAt, document) = (reader.String(), reader.Int32(), reader.Time(), reader.String());
        try
        {
            return MessageSchema.Create(name, version, document, registeredAt);
        }
        catch (BrokerException invalid)
        {
            throw new InvalidDataException($"A journaled schema does not compile: {invalid.Message}", invalid);
        }
    }

    public sealed record SchemaAdded(MessageSchema Schema) : SchemaRecord;

    public sealed record SchemaRemoved(string Name) : SchemaRecord;
}
