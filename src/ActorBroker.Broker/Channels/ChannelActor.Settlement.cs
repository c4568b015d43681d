using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

internal sealed partial class ChannelActor
{
    private bool IsOutstanding(ulong tag) =>
        tag >= _firstTag && tag < NextTag && !_tags.At((int)(tag - _firstTag)).Settled;

    /// <summary>
    /// Settles one channel tag, or with <paramref name="multiple"/> every outstanding tag up to it (0 = all).
    /// A multiple settlement becomes one "multiple" command per queue: within one queue the queue's tags grow
    /// with the channel's, so "up to the last queue tag" covers exactly this channel's deliveries up to the tag.
    /// </summary>
    private void Settle(ulong tag, bool multiple, object settlement)
    {
        if (!multiple || tag != 0)
        {
            if (!IsOutstanding(tag))
            {
                Fail(BrokerException.PreconditionFailed($"Unknown delivery tag {tag}: it was never delivered on this channel or is already settled."));
                return;
            }

            if (!multiple)
            {
                ref var entry = ref _tags.At((int)(tag - _firstTag));
                entry.Settled = true;
                entry.Queue.Tell(ToQueueCommand(settlement, entry.QueueTag, multiple: false), Self);
                Trim();
                return;
            }
        }

        var last = tag == 0 ? _tags.Count - 1 : (int)(tag - _firstTag);
        _multiple.Clear();
        for (var i = 0; i <= last; i++)
        {
            ref var entry = ref _tags.At(i);
            if (!entry.Settled)
            {
                entry.Settled = true;
                Remember(entry.Queue, entry.QueueTag);
            }
        }

        foreach (var (queue, queueTag) in _multiple)
        {
            queue.Tell(ToQueueCommand(settlement, queueTag, multiple: true), Self);
        }

        Trim();
    }

    private void Remember(IActorRef queue, ulong queueTag)
    {
        for (var i = 0; i < _multiple.Count; i++)
        {
            if (_multiple[i].Queue.Equals(queue))
            {
                _multiple[i] = (queue, queueTag);
                return;
            }
        }

        _multiple.Add((queue, queueTag));
    }

    private object ToQueueCommand(object settlement, ulong queueTag, bool multiple) => settlement switch
    {
        ChannelProtocol.Ack => new QueueProtocol.Ack(channel.Id, queueTag, multiple),
        ChannelProtocol.Nack nack => new QueueProtocol.Nack(channel.Id, queueTag, multiple, nack.Requeue, nack.Delay),
        ChannelProtocol.DeadLetter dead => new QueueProtocol.DeadLetterDelivery(channel.Id, queueTag, dead.Reason, dead.Failure),
        _ => throw new ArgumentException($"Not a settlement: {settlement.GetType().Name}.", nameof(settlement)),
    };

    /// <summary>Drops settled tags from the front, so the window only spans outstanding deliveries.</summary>
    private void Trim()
    {
        while (_tags.Count > 0 && _tags.At(0).Settled)
        {
            _tags.PopFront();
            _firstTag++;
        }
    }

    /// <summary>Basic.recover: every outstanding delivery goes back to its queue to be redelivered.</summary>
    private void Recover()
    {
        var queues = ConsumedQueues();
        for (var i = 0; i < _tags.Count; i++)
        {
            ref var entry = ref _tags.At(i);
            if (!entry.Settled)
            {
                entry.Settled = true;
                queues.Add(entry.Queue);
            }
        }

        foreach (var queue in queues)
        {
            queue.Tell(new QueueProtocol.Recover(channel.Id), Self);
        }

        Trim();
    }

    /// <summary>A protocol error closes the channel, as AMQP does; its unacked deliveries return to their queues.</summary>
    private void Fail(BrokerException error)
    {
        channel.MarkClosed(error);
        Context.Stop(Self);
    }
}
