using ActorBroker.Broker.Collections;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>Basic.get: takes the next ready message for a channel, or returns null when there is none.</summary>
    public MessageDelivered? Get(long channelId, bool autoAck)
    {
        // A head whose body cannot be read back is lost, and the next expiry pass takes it out. A loop, not a call
        // per lost head: a quarantined row loses its messages in a run, and each call took a stack frame.
        QueuedMessage? head;
        do
        {
            ExpireHeads(_clock.GetUtcNow());
            if ((head = _ready.Peek()) is null)
            {
                return null;
            }
        }
        while (!EnsureLoaded(head));

        var delivered = new MessageDelivered(head.Sequence, _lastTag + 1, channelId, null, autoAck, head.Message, head.DeliveryCount + 1);
        Raise(delivered);
        return delivered;
    }

    /// <summary>Acknowledges one delivery, or with <paramref name="multiple"/> every one of the channel up to it (0 = all).</summary>
    /// <exception cref="BrokerException">The tag is not an unacked delivery of this channel (precondition failed).</exception>
    public void Ack(long channelId, ulong deliveryTag, bool multiple)
    {
        if (deliveryTag != 0 || !multiple)
        {
            RequireOutstanding(channelId, deliveryTag);
        }

        if (!multiple)
        {
            Raise(new MessageAcked(deliveryTag));
        }
        else if (_tagsByChannel.ContainsKey(channelId))
        {
            Raise(new MessagesAcked(channelId, deliveryTag));
        }

        DeliverReady();
    }

    /// <summary>
    /// Negative acknowledgement: requeue to the original place, park for <paramref name="delay"/> first, or
    /// dead-letter (reason rejected) when <paramref name="requeue"/> is false. A message that has reached
    /// <c>x-delivery-limit</c> is dead-lettered instead of requeued.
    /// </summary>
    /// <exception cref="BrokerException">The tag is not an unacked delivery of this channel (precondition failed).</exception>
    public void Nack(long channelId, ulong deliveryTag, bool multiple, bool requeue, TimeSpan? delay = null)
    {
        var dueAt = delay is { } d && d > TimeSpan.Zero ? _clock.GetUtcNow() + d : (DateTimeOffset?)null;
        foreach (var tag in Select(channelId, deliveryTag, multiple))
        {
            if (!requeue)
            {
                var message = _unacked[tag].Message;
                Raise(new MessageDeadLettered(message.Sequence, tag, DeadLetterReason.Rejected, message.Message));
            }
            else
            {
                Return(tag, dueAt);
            }
        }

        DeliverReady();
    }

    public void Reject(long channelId, ulong deliveryTag, bool requeue) => Nack(channelId, deliveryTag, multiple: false, requeue);

    /// <summary>
    /// Dead-letters one unacked delivery for a reason of the caller's (e.g. a consumer that kept crashing), with what
    /// the consumer threw in its headers when given.
    /// </summary>
    /// <exception cref="BrokerException">The tag is not an unacked delivery of this channel (precondition failed).</exception>
    public void DeadLetterDelivery(long channelId, ulong deliveryTag, DeadLetterReason reason, ConsumerFailure? failure = null)
    {
        RequireOutstanding(channelId, deliveryTag);
        var message = _unacked[deliveryTag].Message;
        Raise(new MessageDeadLettered(message.Sequence, deliveryTag, reason, failure?.Stamp(message.Message) ?? message.Message));
        DeliverReady();
    }

    private void RequeueChannel(long channelId)
    {
        if (!_tagsByChannel.TryGetValue(channelId, out var tags))
        {
            return;
        }

        foreach (var tag in Snapshot(tags))
        {
            // A delivery locked by a cross-queue transaction stays until the transaction decides.
            if (_unacked.ContainsKey(tag) && !IsLocked(tag))
            {
                Return(tag, dueAt: null);
            }
        }
    }

    private void Return(ulong tag, DateTimeOffset? dueAt)
    {
        var message = _unacked[tag].Message;
        if (Arguments.DeliveryLimitReached(message.DeliveryCount))
        {
            Raise(new MessageDeadLettered(message.Sequence, tag, DeadLetterReason.DeliveryLimit, message.Message));
        }
        else if (dueAt is { } due)
        {
            Raise(new MessageRetryScheduled(tag, due));
        }
        else
        {
            Raise(new MessageRequeued(tag));
        }
    }

    private void RequireOutstanding(long channelId, ulong deliveryTag)
    {
        if (!_unacked.TryGetValue(deliveryTag, out var entry) || entry.ChannelId != channelId)
        {
            throw BrokerException.PreconditionFailed($"Unknown delivery tag {deliveryTag} on queue '{Name}' for this channel.");
        }
    }

    private List<ulong> Select(long channelId, ulong deliveryTag, bool multiple)
    {
        if (!multiple || deliveryTag != 0)
        {
            RequireOutstanding(channelId, deliveryTag);
            if (!multiple)
            {
                return [deliveryTag];
            }
        }

        var selected = new List<ulong>();
        if (_tagsByChannel.TryGetValue(channelId, out var tags))
        {
            for (var i = 0; i < tags.Count; i++)
            {
                var tag = tags[i];
                if (deliveryTag != 0 && tag > deliveryTag)
                {
                    break;
                }

                if (_unacked.ContainsKey(tag))
                {
                    selected.Add(tag);
                }
            }
        }

        return selected;
    }

    private static List<ulong> Snapshot(Deque<ulong> tags)
    {
        var copy = new List<ulong>(tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            copy.Add(tags[i]);
        }

        return copy;
    }
}
