using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    /// <summary>Registers a consumer and starts delivering to it.</summary>
    /// <param name="consumer">The registration; its tag must be unique on this queue.</param>
    /// <param name="window">The channel-wide prefetch window, shared with the channel's other consumers; null for none.</param>
    /// <exception cref="BrokerException">The tag is in use, or exclusivity forbids the consumer (access refused).</exception>
    public void AddConsumer(ConsumerSpec consumer, ChannelWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (FindConsumer(consumer.Tag) is not null)
        {
            throw new BrokerException(BrokerErrorCode.InvalidArgument, $"Consumer tag '{consumer.Tag}' is already in use on queue '{Name}'.");
        }

        if (_consumers.Count > 0 && (consumer.Exclusive || _consumers[0].Spec.Exclusive))
        {
            throw BrokerException.AccessRefused($"Queue '{Name}' has an exclusive consumer, or other consumers prevent an exclusive one.");
        }

        Raise(new ConsumerAdded(consumer, window));
        DeliverReady();
    }

    /// <summary>Cancels a consumer; its unacked deliveries stay with its channel. False when no such consumer.</summary>
    public bool RemoveConsumer(string consumerTag)
    {
        if (FindConsumer(consumerTag) is null)
        {
            return false;
        }

        Raise(new ConsumerRemoved(consumerTag));
        DeliverReady();
        return true;
    }

    /// <summary>
    /// A channel went away: its consumers are removed and its unacked deliveries go back to their places,
    /// ahead of newer messages, to be redelivered.
    /// </summary>
    public void CloseChannel(long channelId)
    {
        for (var i = _consumers.Count - 1; i >= 0; i--)
        {
            if (_consumers[i].Spec.ChannelId == channelId)
            {
                Raise(new ConsumerRemoved(_consumers[i].Spec.Tag));
            }
        }

        _unreachableChannels.Remove(channelId);
        RequeueChannel(channelId);
        DeliverReady();
    }

    /// <summary>Basic.recover with requeue: the channel's unacked deliveries go back to be redelivered.</summary>
    public void Recover(long channelId)
    {
        RequeueChannel(channelId);
        DeliverReady();
    }

    /// <summary>
    /// Hands ready messages to consumers with credit: the highest-priority ones first, round-robin among equals.
    /// Call when credit may have appeared.
    /// </summary>
    public void DeliverReady()
    {
        if (_ready.Count == 0 || _consumers.Count == 0)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        while (true)
        {
            ExpireHeads(now);
            var head = _ready.Peek();
            // A paged-out head waits for the read-ahead, which the actor starts after this command.
            if (head is null || head.IsPagedOut || NextConsumerWithCredit() is not { } consumer)
            {
                return;
            }

            var spec = consumer.Spec;
            Raise(new MessageDelivered(head.Sequence, _lastTag + 1, spec.ChannelId, spec.Tag, spec.AutoAck, head.Message, head.DeliveryCount + 1));
        }
    }

    /// <summary>
    /// Takes the next consumer that may receive now (taking a channel-window slot for it): priority levels are tried
    /// from the highest down, each round-robin from the shared cursor, so a lower level is reached only when every
    /// consumer above it is out of credit.
    /// </summary>
    private ConsumerState? NextConsumerWithCredit()
    {
        // A single-active-consumer queue only ever delivers to the oldest registered consumer.
        if (Arguments.SingleActiveConsumer)
        {
            return TryTake(_consumers[0]) ? _consumers[0] : null;
        }

        // The usual case, one level, skips the scans for levels: it is on the path of every delivery.
        if (!_mixedPriorities)
        {
            return NextAtLevel(_consumers[0].Spec.Priority);
        }

        for (var level = HighestPriorityBelow(long.MaxValue); level is { } priority; level = HighestPriorityBelow(priority))
        {
            if (NextAtLevel(priority) is { } consumer)
            {
                return consumer;
            }
        }

        return null;
    }

    private ConsumerState? NextAtLevel(int priority)
    {
        for (var i = 0; i < _consumers.Count; i++)
        {
            var index = (_nextConsumer + i) % _consumers.Count;
            var consumer = _consumers[index];
            if (consumer.Spec.Priority == priority && TryTake(consumer))
            {
                _nextConsumer = (index + 1) % _consumers.Count;
                return consumer;
            }
        }

        return null;
    }

    private static bool TryTake(ConsumerState consumer) =>
        !consumer.Unreachable && consumer.HasOwnCredit && (consumer.Spec.AutoAck || consumer.Window is not { } window || window.TryAcquire());

    /// <summary>The highest consumer priority under <paramref name="ceiling"/>; null when there is none.</summary>
    private int? HighestPriorityBelow(long ceiling)
    {
        int? highest = null;
        foreach (var consumer in _consumers)
        {
            var priority = consumer.Spec.Priority;
            if (priority < ceiling && (highest is null || priority > highest))
            {
                highest = priority;
            }
        }

        return highest;
    }

    private void UpdatePriorityLevels()
    {
        _mixedPriorities = false;
        foreach (var consumer in _consumers)
        {
            _mixedPriorities |= consumer.Spec.Priority != _consumers[0].Spec.Priority;
        }
    }
}
