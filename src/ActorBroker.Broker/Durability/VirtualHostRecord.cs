namespace ActorBroker.Broker.Durability;

/// <summary>A change of the broker's set of virtual hosts, as the virtual host journal stores it.</summary>
internal abstract record VirtualHostRecord(string Name)
{
    public const string Manifest = "broker.vhost.v1";

    private const byte AddedKind = 1;
    private const byte DeletedKind = 2;

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Byte(this is VirtualHostAdded ? AddedKind : DeletedKind);
        writer.String(Name);
        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static VirtualHostRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown virtual host journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        VirtualHostRecord record = reader.Byte() switch
        {
            AddedKind => new VirtualHostAdded(reader.String()),
            DeletedKind => new VirtualHostDeleted(reader.String()),
            var kind => throw new InvalidDataException($"Unknown virtual host record kind {kind}."),
        };
        return reader.AtEnd ? record : throw new InvalidDataException("A virtual host record has trailing bytes.");
    }

    public sealed record VirtualHostAdded(string Name) : VirtualHostRecord(Name);

    public sealed record VirtualHostDeleted(string Name) : VirtualHostRecord(Name);
}
