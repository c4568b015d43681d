using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Durability;

/// <summary>A change of a virtual host's durable topology, as its declaration journal stores it.</summary>
internal abstract record DeclarationRecord
{
    private const string Manifest = "vhost.declaration.v1";

    public static string ManifestName => Manifest;

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        switch (this)
        {
            case QueueDeclared q:
                writer.Byte(1);
                writer.String(q.Name);
                writer.Bool(q.Declaration.AutoDelete);
                writer.Headers(q.Declaration.Arguments);
                break;
            case QueueDeleted q:
                writer.Byte(2);
                writer.String(q.Name);
                break;
            case ExchangeDeclared e:
                writer.Byte(3);
                writer.String(e.Name);
                writer.Int32((int)e.Settings.Type);
                writer.Bool(e.Settings.AutoDelete);
                writer.Bool(e.Settings.Internal);
                writer.Headers(e.Settings.Arguments);
                break;
            case ExchangeDeleted e:
                writer.Byte(4);
                writer.String(e.Name);
                break;
            case Bound b:
                writer.Byte(5);
                WriteBinding(writer, b.Binding);
                break;
            case Unbound u:
                writer.Byte(6);
                WriteBinding(writer, u.Binding);
                break;
            case QueueDeclaredElsewhere q:
                writer.Byte(7);
                writer.String(q.Name);
                writer.Bool(q.Declaration.AutoDelete);
                writer.Headers(q.Declaration.Arguments);
                writer.String(q.PersistenceId);
                break;
        }

        return writer.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown manifest or a bad payload.</summary>
    public static DeclarationRecord Decode(string manifest, ReadOnlyMemory<byte> payload)
    {
        if (manifest != Manifest)
        {
            throw new InvalidDataException($"Unknown declaration journal manifest '{manifest}'.");
        }

        var reader = new RecordReader(payload);
        DeclarationRecord record = reader.Byte() switch
        {
            1 => new QueueDeclared(reader.String(), new QueueDeclaration(Durable: true, Exclusive: false, AutoDelete: reader.Bool(), Arguments: reader.Headers())),
            2 => new QueueDeleted(reader.String()),
            3 => new ExchangeDeclared(reader.String(), new ExchangeSettings((ExchangeType)reader.Int32(), Durable: true, AutoDelete: reader.Bool(), Internal: reader.Bool(), Arguments: reader.Headers())),
            4 => new ExchangeDeleted(reader.String()),
            5 => new Bound(ReadBinding(ref reader)),
            6 => new Unbound(ReadBinding(ref reader)),
            7 => new QueueDeclaredElsewhere(reader.String(), new QueueDeclaration(Durable: true, Exclusive: false, AutoDelete: reader.Bool(), Arguments: reader.Headers()), reader.String()),
            var kind => throw new InvalidDataException($"Unknown declaration record kind {kind}."),
        };
        return reader.AtEnd ? record : throw new InvalidDataException("A declaration record has trailing bytes.");
    }

    public static void WriteBinding(RecordWriter writer, Binding binding)
    {
        writer.String(binding.Source);
        writer.Byte((byte)binding.Destination.Kind);
        writer.String(binding.Destination.Name);
        writer.String(binding.RoutingKey);
        writer.Headers(binding.Arguments);
    }

    public static Binding ReadBinding(ref RecordReader reader) =>
        new(reader.String(), new Destination((DestinationKind)reader.Byte(), reader.String()), reader.String(), reader.Headers());

    public sealed record QueueDeclared(string Name, QueueDeclaration Declaration) : DeclarationRecord;

    public sealed record QueueDeleted(string Name) : DeclarationRecord;

    /// <summary>
    /// A durable queue another node declared, as this node's journal keeps it on a shared journal: with the journal of
    /// its messages (<paramref name="PersistenceId"/>, under the declaring node's name), so that any node can restore it.
    /// </summary>
    public sealed record QueueDeclaredElsewhere(string Name, QueueDeclaration Declaration, string PersistenceId) : DeclarationRecord;

    public sealed record ExchangeDeclared(string Name, ExchangeSettings Settings) : DeclarationRecord;

    public sealed record ExchangeDeleted(string Name) : DeclarationRecord;

    public sealed record Bound(Binding Binding) : DeclarationRecord;

    public sealed record Unbound(Binding Binding) : DeclarationRecord;
}
