using ActorBroker.Broker.Client;
using ActorBroker.Broker.DeadLettering;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// Messages a <see cref="ChannelActor"/> understands. Deliveries arrive as
/// <see cref="Queues.Events.MessageDelivered"/> events sent by the queue itself.
/// </summary>
internal static class ChannelProtocol
{
    /// <summary>Registers where deliveries for a consumer go: a callback run on the channel, or a child actor.</summary>
    public sealed record RegisterConsumer(string Tag, IActorRef Queue, string QueueName, bool AutoAck, Action<Delivery>? Handler, Props? ActorProps);

    public sealed record UnregisterConsumer(string Tag);

    /// <summary>The queue of a consumer was deleted; the consumer is gone.</summary>
    public sealed record ConsumerCancelled(string Tag, string QueueName);

    public sealed record Ack(ulong DeliveryTag, bool Multiple);

    public sealed record Nack(ulong DeliveryTag, bool Multiple, bool Requeue, TimeSpan? Delay);

    public sealed record DeadLetter(ulong DeliveryTag, DeadLetterReason Reason, ConsumerFailure? Failure = null);

    /// <summary>
    /// Basic.get through this channel; completes <paramref name="Result"/>. A task rather than an Ask: a get is
    /// a hot path for pulling clients, and the channel actor always lives beside its <see cref="BrokerChannel"/>.
    /// </summary>
    public sealed record Get(IActorRef Queue, string QueueName, bool AutoAck, TaskCompletionSource<GetResult> Result);

    public sealed record Recover;

    /// <summary>Replies the number of deliveries of this channel not yet settled, as an int.</summary>
    public sealed record CountUnacked
    {
        public static CountUnacked Instance { get; } = new();
    }

    /// <summary>The channel-wide prefetch window has room again.</summary>
    public sealed record WindowOpened
    {
        public static WindowOpened Instance { get; } = new();
    }

    /// <summary>A consumer (in-process, or an Akka client's) threw on a delivery.</summary>
    public sealed record ConsumerFailed(Delivery Delivery, ConsumerFailure Failure);
}
