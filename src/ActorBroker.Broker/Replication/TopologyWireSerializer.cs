using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Schemas;
using ActorBroker.Broker.Sharding;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// Writes the topology replication protocol (and the queue entities' start, which carries a declaration) in the journal's binary form (<see cref="RecordWriter"/>); a queue's actor
/// travels as its Akka path and is resolved to a remote reference on the receiving node.
/// </summary>
internal sealed class TopologyWireSerializer(ExtendedActorSystem actorSystem) : SerializerWithStringManifest(actorSystem)
{
    public const int Id = 7344;

    /// <summary>Every type this serializer writes, for its bindings.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(TopologyReplicationProtocol.Replicate), typeof(TopologyReplicationProtocol.Applied),
        typeof(TopologyReplicationProtocol.RequestSnapshot), typeof(TopologyReplicationProtocol.Snapshot), typeof(TopologyReplicationProtocol.ReplicatePolicy), typeof(TopologyReplicationProtocol.ReplicateSchema),
        typeof(TopologyReplicationProtocol.DeleteQueueOnOwner), typeof(TopologyReplicationProtocol.QueueDeleted), typeof(TopologyReplicationProtocol.Refused),
        typeof(TopologyReplicationProtocol.AddVirtualHost), typeof(TopologyReplicationProtocol.DeleteVirtualHost),
        typeof(TopologyReplicationProtocol.RequestVirtualHosts), typeof(TopologyReplicationProtocol.VirtualHostNames),
        typeof(TopologyWriterProtocol.AcquireTurn), typeof(TopologyWriterProtocol.TurnGranted), typeof(TopologyWriterProtocol.ReleaseTurn),
        typeof(QueueEntityProtocol.Start), typeof(QueueEntityProtocol.Serving),
    ];

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        TopologyReplicationProtocol.Replicate => "r",
        TopologyReplicationProtocol.Applied => "a",
        TopologyReplicationProtocol.RequestSnapshot => "q",
        TopologyReplicationProtocol.Snapshot => "s",
        TopologyReplicationProtocol.ReplicatePolicy => "p",
        TopologyReplicationProtocol.ReplicateSchema => "m",
        TopologyReplicationProtocol.DeleteQueueOnOwner => "dq",
        TopologyReplicationProtocol.QueueDeleted => "qd",
        TopologyReplicationProtocol.Refused => "x",
        TopologyReplicationProtocol.AddVirtualHost => "va",
        TopologyReplicationProtocol.DeleteVirtualHost => "vd",
        TopologyReplicationProtocol.RequestVirtualHosts => "vq",
        TopologyReplicationProtocol.VirtualHostNames => "vn",
        TopologyWriterProtocol.AcquireTurn => "ta",
        TopologyWriterProtocol.TurnGranted => "tg",
        TopologyWriterProtocol.ReleaseTurn => "tr",
        QueueEntityProtocol.Start => "es",
        QueueEntityProtocol.Serving => "ev",
        _ => throw Unsupported(o.GetType()),
    };

    public override byte[] ToBinary(object obj)
    {
        var writer = RecordWriter.Rent();
        switch (obj)
        {
            case TopologyReplicationProtocol.Replicate replicate:
                writer.String(replicate.VirtualHost);
                WriteList(writer, replicate.Changes, WriteChange);
                break;
            case TopologyReplicationProtocol.RequestSnapshot request:
                writer.String(request.VirtualHost);
                break;
            case TopologyReplicationProtocol.Snapshot snapshot:
                WriteList(writer, snapshot.Changes, WriteChange);
                writer.Bool(snapshot.SawAskerDepart);
                WriteList(writer, snapshot.Policies, static (w, policy) => new PolicyRecord.PolicyDefined(policy).WriteTo(w));
                WriteList(writer, snapshot.Schemas, static (w, schema) => new SchemaRecord.SchemaAdded(schema).WriteTo(w));
                break;
            case TopologyReplicationProtocol.ReplicateSchema replicate:
                writer.String(replicate.VirtualHost);
                replicate.Change.WriteTo(writer);
                break;
            case TopologyReplicationProtocol.ReplicatePolicy replicate:
                writer.String(replicate.VirtualHost);
                replicate.Change.WriteTo(writer);
                break;
            case TopologyReplicationProtocol.DeleteQueueOnOwner delete:
                writer.String(delete.VirtualHost);
                writer.String(delete.Queue);
                writer.Bool(delete.IfUnused);
                writer.Bool(delete.IfEmpty);
                break;
            case TopologyReplicationProtocol.QueueDeleted deleted:
                writer.Int32(deleted.Messages);
                break;
            case TopologyReplicationProtocol.Refused refused:
                writer.Int32((int)refused.Code);
                writer.String(refused.Reason);
                break;
            case TopologyReplicationProtocol.AddVirtualHost add:
                writer.String(add.Name);
                break;
            case TopologyReplicationProtocol.DeleteVirtualHost delete:
                writer.String(delete.Name);
                break;
            case TopologyReplicationProtocol.VirtualHostNames names:
                WriteList(writer, names.Names, static (w, name) => w.String(name));
                writer.Bool(names.SawAskerDepart);
                break;
            case TopologyWriterProtocol.AcquireTurn acquire:
                writer.String(acquire.VirtualHost);
                break;
            case TopologyWriterProtocol.TurnGranted granted:
                writer.String(granted.VirtualHost);
                break;
            case TopologyWriterProtocol.ReleaseTurn release:
                writer.String(release.VirtualHost);
                break;
            case QueueEntityProtocol.Start start:
                writer.String(start.VirtualHost);
                writer.String(start.Name);
                WriteQueueDeclaration(writer, start.Declaration);
                writer.String(start.PersistenceId);
                writer.Headers(start.EffectiveArguments);
                writer.Bool(start.RecoversAfterCrash);
                break;
            case QueueEntityProtocol.Serving serving:
                writer.String(Serialization.SerializedActorPath(serving.Queue));
                break;
            case TopologyReplicationProtocol.Applied or TopologyReplicationProtocol.RequestVirtualHosts:
                break;
            default:
                throw Unsupported(obj.GetType());
        }

        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">An unknown manifest or a payload that does not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new RecordReader(bytes);
        object message = manifest switch
        {
            "r" => new TopologyReplicationProtocol.Replicate(reader.String(), ReadList(ref reader, "changes", ReadChange)),
            "a" => TopologyReplicationProtocol.Applied.Instance,
            "q" => new TopologyReplicationProtocol.RequestSnapshot(reader.String()),
            "s" => new TopologyReplicationProtocol.Snapshot(
                ReadList(ref reader, "changes", ReadChange), reader.Bool(), ReadList(ref reader, "policies", ReadPolicy), ReadList(ref reader, "schemas", ReadSchema)),
            "m" => new TopologyReplicationProtocol.ReplicateSchema(reader.String(), SchemaRecord.ReadFrom(ref reader)),
            "p" => new TopologyReplicationProtocol.ReplicatePolicy(reader.String(), PolicyRecord.ReadFrom(ref reader)),
            "dq" => new TopologyReplicationProtocol.DeleteQueueOnOwner(reader.String(), reader.String(), reader.Bool(), reader.Bool()),
            "qd" => new TopologyReplicationProtocol.QueueDeleted(reader.Int32()),
            "x" => new TopologyReplicationProtocol.Refused((BrokerErrorCode)reader.Int32(), reader.String()),
            "va" => new TopologyReplicationProtocol.AddVirtualHost(reader.String()),
            "vd" => new TopologyReplicationProtocol.DeleteVirtualHost(reader.String()),
            "vq" => TopologyReplicationProtocol.RequestVirtualHosts.Instance,
            "vn" => new TopologyReplicationProtocol.VirtualHostNames(ReadList(ref reader, "names", ReadName), reader.Bool()),
            "ta" => new TopologyWriterProtocol.AcquireTurn(reader.String()),
            "tg" => new TopologyWriterProtocol.TurnGranted(reader.String()),
            "tr" => new TopologyWriterProtocol.ReleaseTurn(reader.String()),
            "es" => new QueueEntityProtocol.Start(reader.String(), reader.String(), ReadQueueDeclaration(ref reader), reader.String(), reader.Headers(), reader.Bool()),
            "ev" => new QueueEntityProtocol.Serving(system.Provider.ResolveActorRef(reader.String())),
            _ => throw new InvalidDataException($"The broker has no topology wire format '{manifest}'."),
        };
        return reader.AtEnd ? message : throw new InvalidDataException($"A topology message '{manifest}' has trailing bytes.");
    }

    private delegate T ReadItem<out T>(ref RecordReader reader);

    /// <summary>
    /// A count, then that many items, each read by <paramref name="readItem"/> from the same reader, in order. A
    /// negative count is malformed; a forged huge one fails where the payload ends, having reserved at most 1024 items.
    /// </summary>
    private static T[] ReadList<T>(ref RecordReader reader, string items, ReadItem<T> readItem)
    {
        var count = reader.Int32();
        if (count < 0)
        {
            throw new InvalidDataException($"A topology message holds {count} {items}.");
        }

        var list = new List<T>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            list.Add(readItem(ref reader));
        }

        return [.. list];
    }

    private static Policy ReadPolicy(ref RecordReader reader) =>
        PolicyRecord.ReadFrom(ref reader) is PolicyRecord.PolicyDefined defined
            ? defined.Policy
            : throw new InvalidDataException("A topology snapshot holds a policy removal.");

    private static MessageSchema ReadSchema(ref RecordReader reader) =>
        SchemaRecord.ReadFrom(ref reader) is SchemaRecord.SchemaAdded added
            ? added.Schema
            : throw new InvalidDataException("A topology snapshot holds a schema removal.");

    private static string ReadName(ref RecordReader reader) => reader.String();

    /// <summary>Writes a counted list, as <see cref="ReadList"/> reads it.</summary>
    private static void WriteList<T>(RecordWriter writer, IReadOnlyCollection<T> items, Action<RecordWriter, T> writeItem)
    {
        writer.Int32(items.Count);
        foreach (var item in items)
        {
            writeItem(writer, item);
        }
    }

    private static void WriteChange(RecordWriter writer, TopologyChange change)
    {
        switch (change)
        {
            case TopologyChange.ExchangeDeclared declared:
                writer.Byte(1);
                writer.String(declared.Name);
                writer.Int32((int)declared.Settings.Type);
                writer.Bool(declared.Settings.Durable);
                writer.Bool(declared.Settings.AutoDelete);
                writer.Bool(declared.Settings.Internal);
                writer.Headers(declared.Settings.Arguments);
                break;
            case TopologyChange.ExchangeDeleted deleted:
                writer.Byte(2);
                writer.String(deleted.Name);
                break;
            case TopologyChange.Bound bound:
                writer.Byte(3);
                DeclarationRecord.WriteBinding(writer, bound.Binding);
                break;
            case TopologyChange.Unbound unbound:
                writer.Byte(4);
                DeclarationRecord.WriteBinding(writer, unbound.Binding);
                break;
            case TopologyChange.QueueAdded added:
                writer.Byte(5);
                writer.String(added.Name);
                WriteQueueDeclaration(writer, added.Declaration);
                writer.String(Serialization.SerializedActorPath(added.Queue));
                writer.OptionalString(added.PersistenceId);
                break;
            case TopologyChange.QueueRemoved removed:
                writer.Byte(6);
                writer.String(removed.Name);
                break;
            default:
                throw Unsupported(change.GetType());
        }
    }

    private TopologyChange ReadChange(ref RecordReader reader) => reader.Byte() switch
    {
        1 => new TopologyChange.ExchangeDeclared(reader.String(), ReadExchangeSettings(ref reader)),
        2 => new TopologyChange.ExchangeDeleted(reader.String()),
        3 => new TopologyChange.Bound(DeclarationRecord.ReadBinding(ref reader)),
        4 => new TopologyChange.Unbound(DeclarationRecord.ReadBinding(ref reader)),
        5 => new TopologyChange.QueueAdded(reader.String(), ReadQueueDeclaration(ref reader), system.Provider.ResolveActorRef(reader.String()), reader.OptionalString()),
        6 => new TopologyChange.QueueRemoved(reader.String()),
        var kind => throw new InvalidDataException($"Unknown topology change kind {kind}."),
    };

    private static void WriteQueueDeclaration(RecordWriter writer, QueueDeclaration declaration)
    {
        writer.Bool(declaration.Durable);
        writer.Bool(declaration.Exclusive);
        writer.Bool(declaration.AutoDelete);
        writer.Headers(declaration.Arguments);
    }

    private static ExchangeSettings ReadExchangeSettings(ref RecordReader reader) =>
        new((ExchangeType)reader.Int32(), Durable: reader.Bool(), AutoDelete: reader.Bool(), Internal: reader.Bool(), Arguments: reader.Headers());

    private static QueueDeclaration ReadQueueDeclaration(ref RecordReader reader) =>
        new(Durable: reader.Bool(), Exclusive: reader.Bool(), AutoDelete: reader.Bool(), Arguments: reader.Headers());

    private static ArgumentException Unsupported(Type type) =>
        new($"{nameof(TopologyWireSerializer)} does not write {type.FullName}.", nameof(type));
}
