using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;

namespace ActorBroker.Broker.Remoting;

internal sealed partial class QueueWireSerializer
{
    /// <exception cref="InvalidDataException">An unknown manifest or a payload that does not decode.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new RecordReader(bytes);
        return manifest switch
        {
            "m" => reader.Message(),
            "p" => new QueueProtocol.Publish(reader.Message(), ReadConfirm(ref reader)),
            "b" => new QueueProtocol.ConfirmBarrier(ReadConfirm(ref reader)),
            "c" => ReadConsume(ref reader),
            "x" => new QueueProtocol.Cancel(reader.String()),
            "g" => new QueueProtocol.Get(reader.Int64(), reader.Bool(), reader.Int64()),
            "gr" => new QueueProtocol.GetReply(reader.String(), reader.Bool() ? ReadDelivered(ref reader) : null, reader.Int32(), reader.Int64()),
            "a" => new QueueProtocol.Ack(reader.Int64(), (ulong)reader.Int64(), reader.Bool()),
            "n" => new QueueProtocol.Nack(reader.Int64(), (ulong)reader.Int64(), reader.Bool(), reader.Bool(), ReadDelay(ref reader)),
            "dl" => new QueueProtocol.DeadLetterDelivery(reader.Int64(), (ulong)reader.Int64(), ReadReason(ref reader)),
            "dlx" => new QueueProtocol.DeadLetterDelivery(reader.Int64(), (ulong)reader.Int64(), ReadReason(ref reader), new ConsumerFailure(reader.String(), reader.String())),
            "r" => new QueueProtocol.Recover(reader.Int64()),
            "rs" => QueueProtocol.Resume.Instance,
            "d" => ReadDelivered(ref reader),
            "s" => new ConfirmRelay.Settled(reader.Int64(), reader.Bool()),
            "cc" => new ChannelProtocol.ConsumerCancelled(reader.String(), reader.String()),
            "wo" => ChannelProtocol.WindowOpened.Instance,
            "i" => new QueueProtocol.GetInfo(),
            "qi" => ReadInfo(ref reader),
            "pg" => new QueueProtocol.Purge(),
            _ => throw new InvalidDataException($"The broker has no wire format '{manifest}'."),
        };
    }

    private RelayedConfirm ReadConfirm(ref RecordReader reader) => new(Resolve(reader.String()), reader.Int64());

    private QueueProtocol.Consume ReadConsume(ref RecordReader reader)
    {
        var spec = new ConsumerSpec(reader.String(), reader.Int64(), reader.Int32(), reader.Bool(), reader.Bool(), reader.Int32(), reader.Headers());
        var channel = Resolve(reader.String());
        var limit = reader.Int32();
        var window = limit < 0 ? null : new ChannelWindow(limit, () => channel.Tell(ChannelProtocol.WindowOpened.Instance, ActorRefs.NoSender));
        return new QueueProtocol.Consume(spec, channel, window);
    }

    private static QueueInfo ReadInfo(ref RecordReader reader)
    {
        var name = reader.String();
        var declaration = new QueueDeclaration(Durable: reader.Bool(), Exclusive: reader.Bool(), AutoDelete: reader.Bool(), Arguments: reader.Headers());
        var counters = new QueueCounters(
            Ready: (int)reader.Int64(), Unacked: (int)reader.Int64(), Delayed: (int)reader.Int64(), Consumers: (int)reader.Int64(),
            ReadyBytes: reader.Int64(), Published: reader.Int64(), Delivered: reader.Int64(), Redelivered: reader.Int64(), Acked: reader.Int64(), DeadLettered: reader.Int64())
        {
            InMemoryBodies = (int)reader.Int64(),
            PagedOut = (int)reader.Int64(),
        };
        return new QueueInfo(name, declaration, counters, ReadRate(ref reader), ReadRate(ref reader), ReadRate(ref reader));
    }

    private static double ReadRate(ref RecordReader reader) => BitConverter.Int64BitsToDouble(reader.Int64());

    private static MessageDelivered ReadDelivered(ref RecordReader reader) =>
        new(reader.Int64(), (ulong)reader.Int64(), reader.Int64(), reader.OptionalString(), reader.Bool(), reader.Message(), reader.Int32());

    private static TimeSpan? ReadDelay(ref RecordReader reader) => reader.Int64() is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

    private static DeadLetterReason ReadReason(ref RecordReader reader) =>
        reader.Byte() is var reason && Enum.IsDefined((DeadLetterReason)reason)
            ? (DeadLetterReason)reason
            : throw new InvalidDataException($"Unknown dead-letter reason {reason}.");

    private IActorRef Resolve(string path) => system.Provider.ResolveActorRef(path);
}
