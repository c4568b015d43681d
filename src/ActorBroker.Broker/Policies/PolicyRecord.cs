using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Policies;

/// <summary>A change of a virtual host's policies, as its policy journal stores it.</summary>
internal abstract record PolicyRecord
{
    public const string Manifest = "vhost.policy.v1";

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
            case PolicyDefined set:
                writer.Byte(1);
                writer.String(set.Policy.Name);
                writer.String(set.Policy.Pattern);
                writer.Byte((byte)set.Policy.ApplyTo);
                writer.Int32(set.Policy.Priority);
                writer.Headers(set.Policy.Definition);
                break;
            case PolicyRemoved cleared:
                writer.Byte(2);
                writer.String(cleared.Name);
                break;
        }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest, a bad payload or a policy that no longer validates.</summary>
    public static PolicyRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown policy journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        var record = ReadFrom(ref reader);
        return reader.AtEnd ? record : throw new InvalidDataException("A policy record has trailing bytes.");
    }

    /// <summary>Reads a record <see cref="WriteTo"/> wrote; throws <see cref="InvalidDataException"/> as <see cref="Decode"/> does.</summary>
    public static PolicyRecord ReadFrom(ref RecordReader reader) => reader.Byte() switch
    {
        1 => new PolicyDefined(ReadPolicy(ref reader)),
        2 => new PolicyRemoved(reader.String()),
        var kind => throw new InvalidDataException($"Unknown policy record kind {kind}."),
    };

    private static Policy ReadPolicy(ref RecordReader reader)
    {
        var (name, pattern, applyTo, priority, definition) = (reader.String(), reader.String(), (PolicyTarget)reader.Byte(), reader.Int32(), reader.Headers());
        try
        {
            return new Policy(name, pattern, applyTo, priority, definition ?? []);
        }
        catch (BrokerException invalid)
        {
            throw new InvalidDataException($"A journaled policy is not valid: {invalid.Message}", invalid);
        }
    }

    public sealed record PolicyDefined(Policy Policy) : PolicyRecord;

    public sealed record PolicyRemoved(string Name) : PolicyRecord;
}
