using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// Publisher confirms of one channel in confirm mode: numbers publishes 1, 2, … and tells the publisher when
/// each is settled. Acks are coalesced: an ack is sent only when it settles the lowest outstanding tag, as one
/// basic.ack with multiple = true covering every tag settled meanwhile; a nack is sent at once, alone.
/// </summary>
/// <remarks>
/// Told in place by whoever settles the publish: a queue's thread, or the journal writer's the moment the message is
/// durable, which must never wait for room in the outbound queue. So a confirm that finds the queue full waits on
/// this channel's overflow, which a pool task posts in order (and every confirm after it joins it there).
/// </remarks>
internal sealed class PublisherConfirms(ushort channel, OutboundQueue outbound) : IPublishConfirmed
{
    private readonly Lock _lock = new();
    private readonly SortedSet<ulong> _settledAhead = [];
    private readonly Queue<OutboundFrame> _overflow = new();
    private ulong _lastTag;
    private ulong _lowestOutstanding = 1;

    /// <summary>The tag of the next publish.</summary>
    public ulong Next() => ++_lastTag;

    public void Confirmed(ulong tag, bool accepted)
    {
        lock (_lock)
        {
            if (!accepted)
            {
                Post(new OutboundFrame(OutboundKind.Nack, channel, Number: tag));
            }

            if (tag != _lowestOutstanding)
            {
                _settledAhead.Add(tag);
                return;
            }

            var upTo = tag;
            while (_settledAhead.Count > 0 && _settledAhead.Min == upTo + 1)
            {
                upTo = _settledAhead.Min;
                _settledAhead.Remove(upTo);
            }

            _lowestOutstanding = upTo + 1;
            if (accepted || upTo != tag)
            {
                Post(new OutboundFrame(OutboundKind.Ack, channel, Number: upTo, Flag: upTo != tag));
            }
        }
    }

    // Under the lock, so confirms reach the outbound queue in the order they were decided.
    private void Post(in OutboundFrame frame)
    {
        if (_overflow.Count == 0 && outbound.TryPost(frame))
        {
            return;
        }

        _overflow.Enqueue(frame);
        if (_overflow.Count == 1)
        {
            _ = Task.Run(PostOverflow);
        }
    }

    // Waits for room frame by frame; a frame leaves the overflow only once posted, so later confirms stay behind it.
    private void PostOverflow()
    {
        while (true)
        {
            OutboundFrame next;
            lock (_lock)
            {
                next = _overflow.Peek();
            }

            outbound.Post(next);
            lock (_lock)
            {
                _overflow.Dequeue();
                if (_overflow.Count == 0)
                {
                    return;
                }
            }
        }
    }
}
