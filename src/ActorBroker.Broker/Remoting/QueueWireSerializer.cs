using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// Writes the messages channels and queues exchange when they live on different nodes, in the journal's compact binary
/// form (<see cref="RecordWriter"/>). Akka serializes only what crosses nodes, so the local path keeps passing objects.
/// What is live on one side becomes data here: a <see cref="PublishConfirm"/> travels as the id its
/// <see cref="ConfirmRelay"/> keeps it under, and a channel-wide <see cref="ChannelWindow"/> as its limit (the queue's
/// node gets a window of that size of its own, which tells the channel when it opens).
/// </summary>
internal sealed partial class QueueWireSerializer(ExtendedActorSystem actorSystem) : SerializerWithStringManifest(actorSystem)
{
    public const int Id = 7342;

    /// <summary>Every type this serializer writes, for its bindings.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(Message), typeof(QueueProtocol.Publish), typeof(QueueProtocol.ConfirmBarrier), typeof(QueueProtocol.Consume),
        typeof(QueueProtocol.Cancel), typeof(QueueProtocol.Get), typeof(QueueProtocol.GetReply), typeof(QueueProtocol.Ack),
        typeof(QueueProtocol.Nack), typeof(QueueProtocol.DeadLetterDelivery), typeof(QueueProtocol.Recover), typeof(QueueProtocol.Resume),
        typeof(MessageDelivered), typeof(ConfirmRelay.Settled), typeof(ChannelProtocol.ConsumerCancelled), typeof(ChannelProtocol.WindowOpened),
        typeof(QueueProtocol.GetInfo), typeof(QueueInfo), typeof(QueueProtocol.Purge),
    ];

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        Message => "m",
        QueueProtocol.Publish => "p",
        QueueProtocol.ConfirmBarrier => "b",
        QueueProtocol.Consume => "c",
        QueueProtocol.Cancel => "x",
        QueueProtocol.Get => "g",
        QueueProtocol.GetReply => "gr",
        QueueProtocol.Ack => "a",
        QueueProtocol.Nack => "n",
        QueueProtocol.DeadLetterDelivery { Failure: null } => "dl",
        QueueProtocol.DeadLetterDelivery => "dlx",
        QueueProtocol.Recover => "r",
        QueueProtocol.Resume => "rs",
        MessageDelivered => "d",
        ConfirmRelay.Settled => "s",
        ChannelProtocol.ConsumerCancelled => "cc",
        ChannelProtocol.WindowOpened => "wo",
        QueueProtocol.GetInfo => "i",
        QueueInfo => "qi",
        QueueProtocol.Purge => "pg",
        _ => throw Unsupported(o.GetType()),
    };

    public override byte[] ToBinary(object obj)
    {
        var writer = RecordWriter.Rent();
        switch (obj)
        {
            case Message message:
                writer.Message(message);
                break;
            case QueueProtocol.Publish publish:
                writer.Message(publish.Message);
                WriteConfirm(writer, publish.Confirm);
                break;
            case QueueProtocol.ConfirmBarrier barrier:
                WriteConfirm(writer, barrier.Confirm);
                break;
            case QueueProtocol.Consume consume:
                WriteSpec(writer, consume.Spec);
                writer.String(Serialization.SerializedActorPath(consume.Channel));
                writer.Int32(consume.Window?.Limit ?? -1);
                break;
            case QueueProtocol.Cancel cancel:
                writer.String(cancel.ConsumerTag);
                break;
            case QueueProtocol.Get get:
                writer.Int64(get.ChannelId);
                writer.Bool(get.AutoAck);
                writer.Int64(get.RequestId);
                break;
            case QueueProtocol.GetReply reply:
                writer.String(reply.QueueName);
                writer.Bool(reply.Delivered is not null);
                if (reply.Delivered is { } gotten)
                {
                    WriteDelivered(writer, gotten);
                }

                writer.Int32(reply.Remaining);
                writer.Int64(reply.RequestId);
                break;
            case QueueProtocol.Ack ack:
                writer.Int64(ack.ChannelId);
                writer.Int64((long)ack.DeliveryTag);
                writer.Bool(ack.Multiple);
                break;
            case QueueProtocol.Nack nack:
                writer.Int64(nack.ChannelId);
                writer.Int64((long)nack.DeliveryTag);
                writer.Bool(nack.Multiple);
                writer.Bool(nack.Requeue);
                writer.Int64(nack.Delay?.Ticks ?? -1);
                break;
            case QueueProtocol.DeadLetterDelivery dead:
                writer.Int64(dead.ChannelId);
                writer.Int64((long)dead.DeliveryTag);
                writer.Byte((byte)dead.Reason);
                if (dead.Failure is { } failure)
                {
                    writer.String(failure.ExceptionType);
                    writer.String(failure.ExceptionMessage);
                }

                break;
            case QueueProtocol.Recover recover:
                writer.Int64(recover.ChannelId);
                break;
            case MessageDelivered delivered:
                WriteDelivered(writer, delivered);
                break;
            case ConfirmRelay.Settled settled:
                writer.Int64(settled.Id);
                writer.Bool(settled.Accepted);
                break;
            case ChannelProtocol.ConsumerCancelled cancelled:
                writer.String(cancelled.Tag);
                writer.String(cancelled.QueueName);
                break;
            case QueueInfo info:
                WriteInfo(writer, info);
                break;
            case QueueProtocol.Resume or ChannelProtocol.WindowOpened or QueueProtocol.GetInfo or QueueProtocol.Purge:
                break;
            default:
                throw Unsupported(obj.GetType());
        }

        return writer.ToArray();
    }

    private void WriteConfirm(RecordWriter writer, PublishConfirm confirm)
    {
        // A relayed confirm answers the relay that registered it (ConfirmRelay.Tell, or the publisher's node for a queue
        // that forwards to a third node); one that reached the wire another way is registered without its node here.
        var (relay, id) = confirm is RelayedConfirm relayed
            ? (relayed.Relay, relayed.Id)
            : (ConfirmRelay.Get(system).Actor, ConfirmRelay.Get(system).Register(confirm, node: null));
        writer.String(Serialization.SerializedActorPath(relay));
        writer.Int64(id);
    }

    private static void WriteInfo(RecordWriter writer, QueueInfo info)
    {
        writer.String(info.Name);
        writer.Bool(info.Declaration.Durable);
        writer.Bool(info.Declaration.Exclusive);
        writer.Bool(info.Declaration.AutoDelete);
        writer.Headers(info.Declaration.Arguments);
        var c = info.Counters;
        foreach (var count in (ReadOnlySpan<long>)[c.Ready, c.Unacked, c.Delayed, c.Consumers, c.ReadyBytes, c.Published, c.Delivered, c.Redelivered, c.Acked, c.DeadLettered, c.InMemoryBodies, c.PagedOut])
        {
            writer.Int64(count);
        }

        writer.Int64(BitConverter.DoubleToInt64Bits(info.PublishRate));
        writer.Int64(BitConverter.DoubleToInt64Bits(info.DeliverRate));
        writer.Int64(BitConverter.DoubleToInt64Bits(info.AckRate));
    }

    private static void WriteSpec(RecordWriter writer, ConsumerSpec spec)
    {
        writer.String(spec.Tag);
        writer.Int64(spec.ChannelId);
        writer.Int32(spec.Prefetch);
        writer.Bool(spec.AutoAck);
        writer.Bool(spec.Exclusive);
        writer.Int32(spec.Priority);
        writer.Headers(spec.Arguments);
    }

    private static void WriteDelivered(RecordWriter writer, MessageDelivered delivered)
    {
        writer.Int64(delivered.Sequence);
        writer.Int64((long)delivered.DeliveryTag);
        writer.Int64(delivered.ChannelId);
        writer.OptionalString(delivered.ConsumerTag);
        writer.Bool(delivered.AutoAck);
        writer.Message(delivered.Message);
        writer.Int32(delivered.DeliveryCount);
    }

    private static ArgumentException Unsupported(Type type) =>
        new($"{nameof(QueueWireSerializer)} does not write {type.FullName}.", nameof(type));
}
