using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Messages a <see cref="QueueActor"/> understands. A bare <see cref="Message"/> is the fast path: enqueue with
/// no confirm and no envelope allocation. Deliveries go out to channels as the raised
/// <see cref="Events.MessageDelivered"/> events themselves, with the queue as sender.
/// </summary>
internal static class QueueProtocol
{
    /// <summary>A request whose asker waits for a reply; if the queue is gone, the supervisor answers not-found.</summary>
    public interface IRequest;

    /// <summary>Enqueue and settle <paramref name="Confirm"/> once accepted or refused.</summary>
    public sealed record Publish(Message Message, PublishConfirm Confirm);

    /// <summary>Settled once every message sent to this queue before it has been handled.</summary>
    public sealed record ConfirmBarrier(PublishConfirm Confirm);

    /// <summary>Register a consumer of <paramref name="Channel"/>; replies <see cref="Status.Success"/> or a failure.</summary>
    public sealed record Consume(ConsumerSpec Spec, IActorRef Channel, ChannelWindow? Window) : IRequest;

    /// <summary>Replies <see cref="Status.Success"/> holding whether the consumer existed.</summary>
    public sealed record Cancel(string ConsumerTag) : IRequest;

    /// <summary>Basic.get for a channel; the queue answers the channel with <see cref="GetReply"/> for the channel's request.</summary>
    public sealed record Get(long ChannelId, bool AutoAck, long RequestId) : IRequest;

    public sealed record GetReply(string QueueName, Events.MessageDelivered? Delivered, int Remaining, long RequestId);

    /// <summary>Told to the channel when its <see cref="Get"/> reached a queue that was deleted meanwhile.</summary>
    public sealed record GetFailed(long RequestId, Exception Cause);

    public sealed record Ack(long ChannelId, ulong DeliveryTag, bool Multiple);

    public sealed record Nack(long ChannelId, ulong DeliveryTag, bool Multiple, bool Requeue, TimeSpan? Delay);

    /// <summary>Dead-letter one unacked delivery with a reason (a consumer that kept crashing on it, and what it threw).</summary>
    public sealed record DeadLetterDelivery(long ChannelId, ulong DeliveryTag, DeadLetterReason Reason, ConsumerFailure? Failure = null);

    public sealed record Recover(long ChannelId);

    /// <summary>
    /// A channel is gone. The queue sends this to itself when it sees the channel terminate, so that acks the
    /// channel sent before it stopped (already in the mailbox, behind the Terminated signal) are handled first.
    /// </summary>
    public sealed record ChannelClosed(long ChannelId, IActorRef Channel);

    /// <summary>Replies the number of removed messages.</summary>
    public sealed record Purge : IRequest;

    /// <summary>Replies <see cref="IReadOnlyList{PeekedMessage}"/>.</summary>
    public sealed record Peek(int Count) : IRequest;

    /// <summary>Replies <see cref="Client.QueueInfo"/>.</summary>
    public sealed record GetInfo : IRequest;

    /// <summary>Replies the consumers' <see cref="ConsumerSpec"/>s as an array.</summary>
    public sealed record ListConsumers : IRequest;

    /// <summary>Moves ready messages to <paramref name="Target"/>, or to the queue each died in; replies the count.</summary>
    public sealed record Redrive(string? Target, int Max) : IRequest;

    /// <summary>A channel window opened: try delivering again.</summary>
    public sealed record Resume
    {
        public static Resume Instance { get; } = new();
    }

    /// <summary>Timer tick: expire heads, release due retries.</summary>
    public sealed record RunTimers
    {
        public static RunTimers Instance { get; } = new();
    }

    /// <summary>x-expires tick: delete the queue if it is still unused.</summary>
    public sealed record CheckExpiry
    {
        public static CheckExpiry Instance { get; } = new();
    }

    /// <summary>From the supervisor: this message crashed the queue too often; dead-letter it with reason crash.</summary>
    public sealed record DeadLetterPoison(object Failed, Exception Cause);

    /// <summary>The dead-letter queues of an at-least-once dead letter answered: all hold it, or some refused.</summary>
    public sealed record DeadLetterSettled(long Sequence, bool Accepted);

    /// <summary>Time to send again the at-least-once dead letters no queue took.</summary>
    /// <summary>
    /// Stop once everything journaled is decided; <paramref name="DeleteJournal"/>: the queue was deleted, its journal
    /// goes with it (else the node is stopping and the queue comes back at the next start).
    /// </summary>
    public sealed record Stop(bool DeleteJournal);

    /// <summary>Start the journal actor: once the host routes to its restored queues, and again after it stopped on a failure.</summary>
    public sealed record StartJournal
    {
        public static StartJournal Instance { get; } = new();
    }

    public sealed record RetryDeadLetters
    {
        public static RetryDeadLetters Instance { get; } = new();
    }
}
