using System.Buffers;
using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Client.Serialization;

/// <summary>
/// Writes the messages between <see cref="BrokerClient"/> and a node's gateway in a compact binary form (no
/// reflection, no type names on the wire): the manifest is a short code per message type. Bound to the protocol's
/// types by <see cref="ClientSerialization"/>.
/// </summary>
internal sealed partial class ClientProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7343;

    // Serializers are called from many threads at once: one scratch buffer per thread.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_buffer;

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        Publish => "P",
        Confirm => "C",
        BrokerDelivery => "D",
        DeliverySettlement => "S",
        Subscribe => "Sub2",
        Unsubscribe => "Uns",
        ConsumerFailed => "CF2",
        Get => "G",
        GetReply => "GR",
        Request => "R",
        OpenSession => "O",
        SessionOpened => "OK",
        DeclareQueue => "DQ",
        DeleteQueue => "XQ",
        PurgeQueue => "PQ",
        DeclareExchange => "DE",
        DeleteExchange => "XE",
        ChangeBinding => "B",
        QueueDeclared => "QD",
        Count => "N",
        Failed => "F",
        Done => "Done",
        SubscriptionCancelled => "Cx",
        AckWithOutputs => "AO",
        TransactionCommitted => "TC",
        TransactionFailed => "TF",
        _ => throw Unsupported(o.GetType()),
    };

    public override byte[] ToBinary(object obj)
    {
        var buffer = s_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = new ProtocolWriter(buffer);
        Write(ref writer, obj);
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="InvalidDataException">An unknown manifest or a payload that does not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new ProtocolReader(bytes);
        var message = Read(ref reader, bytes, manifest);
        return reader.AtEnd ? message : throw new InvalidDataException($"The '{manifest}' message has bytes left over.");
    }

    private static ArgumentException Unsupported(Type type) =>
        new($"{nameof(ClientProtocolSerializer)} does not write {type.FullName}.", nameof(type));
}
