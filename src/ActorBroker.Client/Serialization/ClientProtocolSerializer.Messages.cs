using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Client.Serialization;

internal sealed partial class ClientProtocolSerializer
{
    private static void Write(ref ProtocolWriter w, object message)
    {
        switch (message)
        {
            case Publish p:
                w.VarInt(p.Sequence);
                w.String(p.Exchange);
                w.String(p.RoutingKey);
                WriteProperties(ref w, p.Properties);
                w.Bytes(p.Body.Span);
                w.Bool(p.Mandatory);
                break;
            case Confirm c:
                w.VarInt(c.Sequence);
                w.Bool(c.Accepted);
                w.VarInt(c.ErrorCode);
                w.String(c.Error);
                break;
            case BrokerDelivery d:
                WriteDelivery(ref w, d);
                break;
            case DeliverySettlement s:
                w.VarUInt(s.DeliveryTag);
                w.Byte((byte)s.Kind);
                break;
            case Subscribe s:
                w.String(s.ConsumerTag);
                w.String(s.Queue);
                w.String(PathOf(s.Subscriber));
                w.VarInt(s.Options.Prefetch);
                w.Bool(s.Options.AutoAck);
                w.Bool(s.Options.Exclusive);
                w.Table(s.Arguments);
                w.Bool(s.SuperStream);
                break;
            case Unsubscribe u:
                w.String(u.ConsumerTag);
                break;
            case ConsumerFailed f:
                w.VarUInt(f.DeliveryTag);
                w.String(f.ExceptionType);
                w.String(f.ExceptionMessage);
                break;
            case Get g:
                w.String(g.Queue);
                w.Bool(g.AutoAck);
                break;
            case GetReply g:
                w.VarInt(g.MessageCount);
                w.Bool(g.Delivery is not null);
                if (g.Delivery is { } got)
                {
                    WriteDelivery(ref w, got);
                }

                break;
            case Request r:
                w.String(r.Exchange);
                w.String(r.RoutingKey);
                WriteProperties(ref w, r.Properties);
                w.Bytes(r.Body.Span);
                w.VarInt(r.Timeout.Ticks);
                break;
            case OpenSession o:
                w.String(o.SessionId);
                w.String(o.VirtualHost);
                w.String(PathOf(o.Client));
                break;
            case SessionOpened o:
                w.String(PathOf(o.Session));
                w.String(o.Node);
                break;
            case DeclareQueue q:
                w.String(q.Name);
                w.Bool(q.Options.Durable);
                w.Bool(q.Options.Exclusive);
                w.Bool(q.Options.AutoDelete);
                w.Table(q.Options.Arguments);
                break;
            case DeleteQueue q:
                w.String(q.Name);
                w.Bool(q.IfUnused);
                w.Bool(q.IfEmpty);
                break;
            case PurgeQueue q:
                w.String(q.Name);
                break;
            case DeclareExchange e:
                w.String(e.Name);
                w.String(e.Options.Type);
                w.Bool(e.Options.Durable);
                w.Bool(e.Options.AutoDelete);
                w.Bool(e.Options.Internal);
                w.Table(e.Options.Arguments);
                break;
            case DeleteExchange e:
                w.String(e.Name);
                w.Bool(e.IfUnused);
                break;
            case ChangeBinding b:
                w.Bool(b.Bind);
                w.Bool(b.ToExchange);
                w.String(b.Destination);
                w.String(b.Source);
                w.String(b.RoutingKey);
                w.Table(b.Arguments);
                break;
            case QueueDeclared q:
                w.String(q.Name);
                w.VarInt(q.MessageCount);
                w.VarInt(q.ConsumerCount);
                break;
            case Count n:
                w.VarInt(n.Value);
                break;
            case Failed f:
                w.VarInt(f.Code);
                w.String(f.Message);
                break;
            case Done:
                break;
            case SubscriptionCancelled c:
                w.String(c.ConsumerTag);
                w.String(c.Queue);
                break;
            case AckWithOutputs a:
                WriteAckWithOutputs(ref w, a);
                break;
            case TransactionCommitted c:
                w.VarUInt(c.DeliveryTag);
                break;
            case TransactionFailed f:
                w.VarUInt(f.DeliveryTag);
                w.VarInt(f.Code);
                w.String(f.Reason);
                break;
            default:
                throw Unsupported(message.GetType());
        }
    }

    private object Read(ref ProtocolReader r, byte[] payload, string manifest) => manifest switch
    {
        "P" => new Publish(r.VarInt(), r.String(), r.String(), ReadProperties(ref r), r.Slice(payload), r.Bool()),
        "C" => new Confirm(r.VarInt(), r.Bool(), r.Int32(), r.NullableString()),
        "D" => ReadDelivery(ref r, payload),
        "S" => new DeliverySettlement(r.VarUInt(), ReadSettlementKind(r.Byte())),
        // "Sub" is a subscribe of a client from before streams: no consume arguments.
        "Sub" => new Subscribe(r.String(), r.String(), Resolve(r.String()), new SubscribeOptions(r.Int32(), r.Bool(), r.Bool())),
        "Sub2" => new Subscribe(r.String(), r.String(), Resolve(r.String()), new SubscribeOptions(r.Int32(), r.Bool(), r.Bool()), r.Table(), r.Bool()),
        "Uns" => new Unsubscribe(r.String()),
        "CF" => ReadOldConsumerFailed(ref r),
        "CF2" => new ConsumerFailed(r.VarUInt(), r.String(), r.String()),
        "G" => new Get(r.String(), r.Bool()),
        "GR" => ReadGetReply(ref r, payload),
        "R" => new Request(r.String(), r.String(), ReadProperties(ref r), r.Slice(payload), TimeSpan.FromTicks(r.VarInt())),
        "O" => new OpenSession(r.String(), r.String(), Resolve(r.String())),
        "OK" => new SessionOpened(Resolve(r.String()), r.String()),
        "DQ" => new DeclareQueue(r.String(), new QueueOptions(r.Bool(), r.Bool(), r.Bool(), r.Table())),
        "XQ" => new DeleteQueue(r.String(), r.Bool(), r.Bool()),
        "PQ" => new PurgeQueue(r.String()),
        "DE" => new DeclareExchange(r.String(), new ExchangeOptions(r.String(), r.Bool(), r.Bool(), r.Bool(), r.Table())),
        "XE" => new DeleteExchange(r.String(), r.Bool()),
        "B" => new ChangeBinding(r.Bool(), r.Bool(), r.String(), r.String(), r.String(), r.Table()),
        "QD" => new QueueDeclared(r.String(), r.Int32(), r.Int32()),
        "N" => new Count(r.Int32()),
        "F" => new Failed(r.Int32(), r.String()),
        "Done" => Done.Instance,
        "Cx" => new SubscriptionCancelled(r.String(), r.String()),
        "AO" => ReadAckWithOutputs(ref r, payload),
        "TC" => new TransactionCommitted(r.VarUInt()),
        "TF" => new TransactionFailed(r.VarUInt(), r.Int32(), r.String()),
        _ => throw new InvalidDataException($"The client protocol has no message '{manifest}'."),
    };

    // A client from before x-exception wrote one reason, "<type name>: <message>".
    private static ConsumerFailed ReadOldConsumerFailed(ref ProtocolReader r)
    {
        var tag = r.VarUInt();
        var reason = r.String();
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? new ConsumerFailed(tag, string.Empty, reason) : new ConsumerFailed(tag, reason[..colon], reason[(colon + 2)..]);
    }

    private static void WriteAckWithOutputs(ref ProtocolWriter w, AckWithOutputs ack)
    {
        w.VarUInt(ack.DeliveryTag);
        w.VarInt(ack.Outputs.Count);
        foreach (var output in ack.Outputs)
        {
            w.String(output.Exchange);
            w.String(output.RoutingKey);
            WriteProperties(ref w, output.Properties ?? MessageProperties.Empty);
            w.Bytes(output.Body.Span);
            w.Bool(output.Mandatory);
        }
    }

    private static AckWithOutputs ReadAckWithOutputs(ref ProtocolReader r, byte[] payload)
    {
        var tag = r.VarUInt();
        var outputs = new PublishMessage[r.Int32()];
        for (var i = 0; i < outputs.Length; i++)
        {
            var (exchange, routingKey, properties) = (r.String(), r.String(), ReadProperties(ref r));
            outputs[i] = new PublishMessage(exchange, routingKey, r.Slice(payload), properties, r.Bool());
        }

        return new AckWithOutputs(tag, outputs);
    }

    private static GetReply ReadGetReply(ref ProtocolReader r, byte[] payload)
    {
        var count = r.Int32();
        return new GetReply(r.Bool() ? ReadDelivery(ref r, payload) : null, count);
    }

    private static void WriteDelivery(ref ProtocolWriter w, BrokerDelivery d)
    {
        w.String(d.ConsumerTag);
        w.VarUInt(d.DeliveryTag);
        w.VarInt(d.DeliveryCount);
        w.String(d.Queue);
        w.String(d.Exchange);
        w.String(d.RoutingKey);
        WriteProperties(ref w, d.Properties);
        w.Bytes(d.Body.Span);
    }

    private static BrokerDelivery ReadDelivery(ref ProtocolReader r, byte[] payload) =>
        new(r.NullableString(), r.VarUInt(), r.Int32(), r.String(), r.String(), r.String(), ReadProperties(ref r), r.Slice(payload));

    private static SettlementKind ReadSettlementKind(byte kind) =>
        Enum.IsDefined((SettlementKind)kind) ? (SettlementKind)kind : throw new InvalidDataException($"Unknown settlement {kind}.");

    private static string PathOf(IActorRef actor) => Akka.Serialization.Serialization.SerializedActorPath(actor);

    private IActorRef Resolve(string path) => system.Provider.ResolveActorRef(path);
}
